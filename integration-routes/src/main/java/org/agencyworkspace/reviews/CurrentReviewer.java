package org.agencyworkspace.reviews;

import jakarta.servlet.http.HttpServletRequest;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUpGate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The member acting in this request, for the member pages and API alike. */
@Component
class CurrentReviewer {

    private final ReviewGuests guests;
    private final StepUpGate stepUp;

    CurrentReviewer(ReviewGuests guests, StepUpGate stepUp) {
        this.guests = guests;
        this.stepUp = stepUp;
    }

    /** Without a second factor: reading and ordinary actions. */
    Reviewer get() {
        return withFactor(null, null);
    }

    /**
     * With the fresh second factor of this request: a guest's {@code code} checked now, or a
     * staff session's step-up; {@link Reviewer#mfa()} is null when there is none.
     */
    Reviewer withFactor(HttpServletRequest request, String code) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof GuestPrincipal guest) {
            String mfa = request == null ? null : guests.checkCode(guest.guestId(), code).orElse(null);
            return Reviewer.guest(guest.guestId(), guest.displayName(), mfa);
        }
        WorkspaceUser user = CurrentUser.get().orElseThrow();
        String mfa = request != null && stepUp.status(request).satisfied() ? "step-up" : null;
        return Reviewer.staff(user.login(), user.displayName(), mfa);
    }
}
