package org.agencyworkspace.reviews;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.Authorities;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** The guest session both sign-ins end in: the embedded one and Keycloak's guest realm. */
final class GuestSessions {

    private static final HttpSessionSecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    private GuestSessions() {
    }

    /**
     * Replaces whatever the session held with the guest ({@link GuestPrincipal},
     * {@code REVIEW_GUEST} only), under a new session id, and audits the sign-in.
     */
    static void signIn(HttpServletRequest request, HttpServletResponse response, ReviewGuests.Guest guest,
            String how, AuditTrail audit) {
        HttpSession session = request.getSession();
        session.removeAttribute(GuestSignInController.PENDING);
        session.removeAttribute(GuestSignInController.PENDING_SINCE);
        session.removeAttribute(GuestSignInController.FAILURES);
        session.removeAttribute(GuestSignInController.PASSWORD_FOR);
        session.removeAttribute(GuestSignInController.LOGIN_HINT);
        request.changeSessionId();
        GuestPrincipal principal = new GuestPrincipal(guest.id(), guest.email(), guest.displayName(), how);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(Authorities.REVIEW_GUEST))));
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
        audit.record(AuditEvent.of("review.guest.sign-in", "authentication")
                .actor(principal.getName(), guest.displayName()).target("guest", guest.id())
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .details(Map.of("method", how)).build());
    }
}
