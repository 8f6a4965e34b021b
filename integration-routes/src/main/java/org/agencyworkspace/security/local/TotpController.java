package org.agencyworkspace.security.local;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.OptionalLong;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of local sign-in: enrol an authenticator app on first sign-in, and ask for its
 * code on every sign-in after that. A code is accepted once; wrong codes count toward lockout.
 * Enrolling needs the person's one-time enrolment code as well as the password, so whoever
 * learns a first password cannot bind their own device to someone else's account.
 */
@Controller
@ConditionalOnProperty(name = "workspace.security.mode", havingValue = "local", matchIfMissing = true)
public class TotpController {

    static final String ENROLMENT_SECRET = TotpController.class.getName() + ".secret";

    private final LocalAccounts accounts;
    private final TotpCodes codes;
    private final SecretBox secretBox;
    private final LocalSignIn signIn;
    private final AuditTrail audit;
    private final EnrolmentCodes enrolmentCodes;

    public TotpController(LocalAccounts accounts, TotpCodes codes, SecretBox secretBox,
            LocalSignIn signIn, AuditTrail audit, EnrolmentCodes enrolmentCodes) {
        this.enrolmentCodes = enrolmentCodes;
        this.accounts = accounts;
        this.codes = codes;
        this.secretBox = secretBox;
        this.signIn = signIn;
        this.audit = audit;
    }

    @GetMapping("/login/totp")
    public String codeForm(HttpServletRequest request, HttpServletResponse response) {
        Optional<LocalAccount> account = pendingAccount(request);
        if (account.isEmpty()) {
            return restart(request, response);
        }
        return account.get().totpEnrolled() ? "login/totp" : "redirect:/login/totp/enrol";
    }

    @PostMapping("/login/totp")
    public String checkCode(@RequestParam(name = "code", required = false) String code,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<LocalAccount> pending = pendingAccount(request);
        if (pending.isEmpty() || !pending.get().totpEnrolled()) {
            return restart(request, response);
        }
        LocalAccount account = pending.get();
        String secret = secretBox.open(account.encryptedTotpSecret());
        OptionalLong step = codes.matchingStep(secret, normalize(code));
        if (step.isEmpty() || !accounts.acceptTotpStep(account.login(), step.getAsLong())) {
            signIn.failed(request, account.login(), step.isEmpty() ? "wrong code" : "code reused");
            return refuseCode(request, response, account, "redirect:/login/totp?error");
        }
        return "redirect:" + signIn.complete(request, response, account, "password+totp");
    }

    @GetMapping("/login/totp/enrol")
    public String enrolForm(HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<LocalAccount> pending = pendingAccount(request);
        if (pending.isEmpty()) {
            return restart(request, response);
        }
        if (pending.get().totpEnrolled()) {
            return "redirect:/login/totp";
        }
        return enrolPage(request, pending.get(), model);
    }

    private String enrolPage(HttpServletRequest request, LocalAccount account, Model model) {
        HttpSession session = request.getSession();
        String secret = (String) session.getAttribute(ENROLMENT_SECRET);
        if (secret == null) {
            secret = codes.newSecret();
            session.setAttribute(ENROLMENT_SECRET, secret);
        }
        String login = account.login();
        model.addAttribute("secret", secret);
        model.addAttribute("secretGroups", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("qrCode", codes.qrCodeDataUri(login, secret));
        model.addAttribute("otpauthUri", codes.provisioningUri(login, secret));
        return "login/totp-enrol";
    }

    @PostMapping("/login/totp/enrol")
    public String confirmEnrolment(@RequestParam(name = "code", required = false) String code,
            @RequestParam(name = "enrolmentCode", required = false) String enrolmentCode,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<LocalAccount> pending = pendingAccount(request);
        HttpSession session = request.getSession();
        String secret = (String) session.getAttribute(ENROLMENT_SECRET);
        if (pending.isEmpty() || pending.get().totpEnrolled() || secret == null) {
            return restart(request, response);
        }
        LocalAccount account = pending.get();
        EnrolmentCodes.Check granted = enrolmentCodes.check(account.login(), enrolmentCode);
        if (granted != EnrolmentCodes.Check.VALID) {
            String reason = switch (granted) {
                case EXPIRED -> "enrolment code expired";
                case NONE -> "no enrolment code issued";
                default -> "wrong enrolment code";
            };
            signIn.failed(request, account.login(), reason);
            audit.record(AuditEvent.of("mfa.enrol", "iam")
                    .actor(account.login(), account.login())
                    .failure(reason)
                    .target("account", account.login())
                    .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                    .build());
            String next = refuseCode(request, response, account, null);
            if (next != null) {
                return next;
            }
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("enrolmentRefusal", granted.name().toLowerCase(java.util.Locale.ROOT));
            return enrolPage(request, account, model);
        }
        OptionalLong step = codes.matchingStep(secret, normalize(code));
        if (step.isEmpty()) {
            signIn.failed(request, account.login(), "wrong code at enrolment");
            return refuseCode(request, response, account, "redirect:/login/totp/enrol?error");
        }
        accounts.enrolTotp(account.login(), secretBox.seal(secret), step.getAsLong());
        enrolmentCodes.useUp(account.login());
        session.removeAttribute(ENROLMENT_SECRET);
        audit.record(AuditEvent.of("mfa.enrol", "iam")
                .actor(account.login(), account.login())
                .target("account", account.login())
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .build());
        return "redirect:" + signIn.complete(request, response, account, "password+totp-enrolment");
    }

    private Optional<LocalAccount> pendingAccount(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !signIn.codeStepOpen(request)) {
            return Optional.empty();
        }
        return accounts.find(authentication.getName())
                .filter(LocalAccount::enabled)
                .filter(account -> !account.lockedAt(accounts.instantNow()));
    }

    /** After a wrong code: try again, unless that failure locked the account. */
    private String refuseCode(HttpServletRequest request, HttpServletResponse response,
            LocalAccount account, String tryAgain) {
        boolean nowLocked = accounts.find(account.login())
                .map(a -> a.lockedAt(accounts.instantNow())).orElse(true);
        return nowLocked ? restart(request, response) : tryAgain;
    }

    /** Ends the half-finished sign-in and starts over at the password form. */
    private String restart(HttpServletRequest request, HttpServletResponse response) {
        new SecurityContextLogoutHandler().logout(request, response,
                SecurityContextHolder.getContext().getAuthentication());
        return "redirect:" + LocalLoginHandlers.ERROR_PAGE;
    }

    private static String normalize(String code) {
        return code == null ? null : code.replaceAll("\\s", "");
    }
}
