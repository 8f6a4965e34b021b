package org.agencyworkspace.reviews;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.http.ResponseEntity;

/**
 * How a guest signs in: the invitation link (opened, then accepted with a button so a mail
 * scanner fetching it does not use it up) or the e-mail address, then a one-time code mailed to
 * that address, or a code of the authenticator app they enrolled. Every outcome is audited; the
 * pages never tell whether an address is invited.
 */
@Controller
class GuestSignInController {

    static final String PENDING = GuestSignInController.class.getName() + ".pending";
    static final String PENDING_SINCE = GuestSignInController.class.getName() + ".since";
    static final String FAILURES = GuestSignInController.class.getName() + ".failures";
    static final String ENROLMENT = GuestSignInController.class.getName() + ".secret";
    /**
     * Set only by an accepted invitation, used once: who may choose a guest-realm password in this
     * session. Typing an address on the sign-in page never sets it, or anyone knowing a
     * reviewer's address could choose their password.
     */
    static final String PASSWORD_FOR = GuestSignInController.class.getName() + ".passwordFor";
    static final String PASSWORD_SINCE = GuestSignInController.class.getName() + ".passwordSince";
    /** The guest whose address Keycloak's sign-in page is given as a hint; grants nothing. */
    static final String LOGIN_HINT = GuestSignInController.class.getName() + ".loginHint";

    private final ReviewGuests guests;
    private final ReviewsProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    /** Present with Keycloak's guest realm: then guests sign in there, with password and TOTP. */
    private final Optional<GuestAccounts> realmAccounts;

    GuestSignInController(ReviewGuests guests, ReviewsProperties properties, AuditTrail audit, Clock clock,
            ObjectProvider<GuestAccounts> realmAccounts) {
        this.guests = guests;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.realmAccounts = Optional.ofNullable(realmAccounts.getIfAvailable());
    }

    @GetMapping("/guest/invitation/{token}")
    String invitation(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return "guest/invitation";
    }

    @PostMapping("/guest/invitation/{token}")
    String accept(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        ReviewGuests.Redeemed redeemed;
        try {
            redeemed = guests.redeem(token, request.getRemoteAddr(), request.getHeader("User-Agent"));
        } catch (ReviewException e) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("problems", e.problems());
            return "guest/login";
        }
        if (realmAccounts.isPresent()) {
            // The mailed link proved the address: the guest sets the password of their account
            // in the guest realm, then signs in there (TOTP enrolled at the first sign-in).
            HttpSession session = request.getSession();
            session.setAttribute(PASSWORD_FOR, redeemed.guest().id());
            session.setAttribute(PASSWORD_SINCE, clock.instant());
            session.setAttribute(LOGIN_HINT, redeemed.guest().id());
            return "redirect:/guest/password";
        }
        pending(request, redeemed.guest().id());
        guests.queueCode(redeemed.guest().id(), LocaleContextHolder.getLocale());
        return "redirect:/guest/code";
    }

    @GetMapping("/guest/password")
    String passwordForm(HttpServletRequest request) {
        return realmAccounts.isPresent() && passwordFor(request).isPresent() ? "guest/password" : "redirect:/guest/login";
    }

    @PostMapping("/guest/password")
    String password(@RequestParam(required = false) String password, @RequestParam(required = false) String repeat,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> pending = passwordFor(request);
        if (realmAccounts.isEmpty() || pending.isEmpty() || !guests.active(pending.get())) {
            return "redirect:/guest/login";
        }
        List<String> problems = password == null || password.isEmpty() ? List.of("password-missing")
                : !password.equals(repeat) ? List.of("password-mismatch") : List.of();
        if (problems.isEmpty()) {
            try {
                realmAccounts.get().setPassword(pending.get(), password);
                request.getSession().removeAttribute(PASSWORD_FOR);
                return "redirect:" + GuestSignOn.AUTHORIZATION;
            } catch (ConnectorException failed) {
                // The realm's password policy said no (400; its message names the rule), or
                // Keycloak could not be reached or refused the service account: nothing was set.
                boolean policy = failed instanceof PermanentConnectorException refused && refused.status() == 400;
                audit.record(AuditEvent.of("review.guest.password", "iam").actor("guest:" + pending.get(), pending.get())
                        .target("guest", pending.get())
                        .failure(policy ? "the guest realm's password policy refused it" : failed.getMessage())
                        .build());
                response.setStatus(policy ? HttpServletResponse.SC_BAD_REQUEST
                        : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                model.addAttribute("problems", List.of(policy ? "password-policy" : "unavailable"));
                return "guest/password";
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("problems", problems);
        return "guest/password";
    }

    @GetMapping("/guest/login")
    String loginForm() {
        return "guest/login";
    }

    @PostMapping("/guest/login")
    String login(@RequestParam(required = false) String email,
            @RequestParam(required = false, defaultValue = "false") boolean app, HttpServletRequest request) {
        Optional<ReviewGuests.Guest> guest = guests.findByEmail(email);
        if (guest.isPresent() && guests.active(guest.get().id())) {
            if (realmAccounts.isPresent()) {
                // Keycloak asks for the password and TOTP; the address only fills in its form.
                request.getSession().setAttribute(LOGIN_HINT, guest.get().id());
                return "redirect:" + GuestSignOn.AUTHORIZATION;
            }
            pending(request, guest.get().id());
            if (!app || !guest.get().totpEnrolled()) {
                guests.queueCode(guest.get().id(), LocaleContextHolder.getLocale());
            }
        } else {
            // Same page either way: the address is not told apart; the trail has the reason.
            request.getSession().setAttribute(PENDING, "none");
            request.getSession().setAttribute(PENDING_SINCE, clock.instant());
            audit.record(AuditEvent.of(guest.isPresent() ? "review.guest.after-close" : "review.guest.sign-in",
                            "authentication")
                    .actor(guest.map(g -> "guest:" + g.id()).orElse("anonymous"),
                            guest.map(ReviewGuests.Guest::displayName).orElse(""))
                    .target("guest", guest.map(ReviewGuests.Guest::id).orElse("unknown"))
                    .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                    .failure(guest.isPresent() ? "sign-in after the guest's reviews closed" : "address not invited")
                    .build());
        }
        // With the guest realm, Keycloak refuses an unknown or disabled account the same way.
        return realmAccounts.isPresent() ? "redirect:" + GuestSignOn.AUTHORIZATION : "redirect:/guest/code";
    }

    @GetMapping("/guest/code")
    String codeForm(HttpServletRequest request) {
        return pendingGuest(request).isPresent() ? "guest/code" : "redirect:/guest/login";
    }

    @PostMapping("/guest/code")
    String code(@RequestParam(required = false) String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<String> pending = pendingGuest(request);
        if (pending.isEmpty() || realmAccounts.isPresent()) {
            // With the guest realm, mailed codes do not sign in: Keycloak's password and TOTP do.
            return "redirect:/guest/login";
        }
        String guestId = pending.get();
        Optional<String> how = "none".equals(guestId) ? Optional.empty() : guests.checkCode(guestId, code);
        boolean active = how.isPresent() && guests.active(guestId);
        if (!active) {
            HttpSession session = request.getSession();
            int failures = session.getAttribute(FAILURES) instanceof Integer n ? n + 1 : 1;
            session.setAttribute(FAILURES, failures);
            audit.record(AuditEvent.of(how.isPresent() ? "review.guest.after-close" : "review.guest.sign-in",
                            "authentication")
                    .actor("none".equals(guestId) ? "anonymous" : "guest:" + guestId, guestId)
                    .target("guest", guestId).source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                    .failure(how.isPresent() ? "sign-in after the guest's reviews closed" : "wrong or expired code")
                    .build());
            if (failures >= properties.codeAttempts()) {
                session.invalidate();
                return "redirect:/guest/login?error";
            }
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("problems", List.of("wrong-code"));
            return "guest/code";
        }
        ReviewGuests.Guest guest = guests.find(guestId).orElseThrow();
        GuestSessions.signIn(request, response, guest, how.get(), audit);
        return "redirect:/guest";
    }

    @GetMapping("/guest/totp")
    String enrolForm(HttpServletRequest request, Model model) {
        GuestPrincipal principal = principal();
        String secret = guests.newTotpSecret();
        request.getSession().setAttribute(ENROLMENT, secret);
        model.addAttribute("qrCode", guests.qrCode(guests.find(principal.guestId()).orElseThrow(), secret));
        model.addAttribute("secret", secret);
        boolean replacing = guests.find(principal.guestId()).map(ReviewGuests.Guest::totpEnrolled).orElse(true);
        if (replacing) {
            // One code on its way at a time (queueCode), however often the form is shown.
            guests.queueCode(principal.guestId(), LocaleContextHolder.getLocale());
        }
        model.addAttribute("replacing", replacing);
        return "guest/totp";
    }

    /**
     * Enrols an authenticator app. Replacing one the guest already has needs a code of the old
     * app or a freshly mailed code: a session alone (a borrowed computer) must not be enough to
     * take over the second factor that confirms declarations and signs the record.
     */
    @PostMapping("/guest/totp")
    String enrol(@RequestParam(required = false) String code, @RequestParam(required = false) String current,
            HttpServletRequest request, Model model) {
        GuestPrincipal principal = principal();
        boolean replacing = guests.find(principal.guestId()).map(ReviewGuests.Guest::totpEnrolled).orElse(true);
        if (replacing && guests.checkCode(principal.guestId(), current).isEmpty()) {
            audit.record(AuditEvent.of("mfa.enrol", "iam").actor(principal.getName(), principal.displayName())
                    .target("guest", principal.guestId()).source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                    .failure("replacing the authenticator app without a code of the old one or a mailed code")
                    .details(Map.of("kind", "totp")).build());
            model.addAttribute("problems", List.of("wrong-current-code"));
            return enrolForm(request, model);
        }
        Object secret = request.getSession().getAttribute(ENROLMENT);
        if (!(secret instanceof String text) || !guests.enrolTotp(principal.guestId(), text, code)) {
            model.addAttribute("problems", List.of("wrong-code"));
            return enrolForm(request, model);
        }
        request.getSession().removeAttribute(ENROLMENT);
        return "redirect:/guest?enrolled";
    }

    /** A fresh code by mail, to confirm a declaration or the record. */
    @PostMapping("/api/guest/code")
    @ResponseBody
    ResponseEntity<Void> sendCode() {
        guests.queueCode(principal().guestId(), LocaleContextHolder.getLocale());
        return ResponseEntity.accepted().build();
    }

    private void pending(HttpServletRequest request, String guestId) {
        HttpSession session = request.getSession();
        session.setAttribute(PENDING, guestId);
        session.setAttribute(PENDING_SINCE, clock.instant());
        session.removeAttribute(FAILURES);
    }

    private Optional<String> passwordFor(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PASSWORD_FOR) instanceof String guestId)
                || !(session.getAttribute(PASSWORD_SINCE) instanceof Instant since)
                || since.plus(properties.codeLifetime()).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(guestId);
    }

    private Optional<String> pendingGuest(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof String guestId)
                || !(session.getAttribute(PENDING_SINCE) instanceof Instant since)
                || since.plus(properties.codeLifetime()).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(guestId);
    }

    static GuestPrincipal principal() {
        return (GuestPrincipal) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }
}
