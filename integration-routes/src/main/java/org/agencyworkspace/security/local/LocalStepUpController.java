package org.agencyworkspace.security.local;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.OptionalLong;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUpAudit;
import org.agencyworkspace.security.stepup.StepUpDecision;
import org.agencyworkspace.security.stepup.StepUpPolicy;
import org.agencyworkspace.web.WorkspaceLinks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The local step-up page: a signed-in person types a current code from their authenticator app
 * again. Codes are single-use as at sign-in, and wrong ones count toward lockout.
 */
@Controller
@ConditionalOnProperty(name = "workspace.security.mode", havingValue = "local", matchIfMissing = true)
public class LocalStepUpController {

    private static final String METHOD = "local-totp";

    private final LocalAccounts accounts;
    private final TotpCodes codes;
    private final SecretBox secretBox;
    private final LocalSignIn signIn;
    private final LocalStepUpMethod method;
    private final StepUpPolicy policy;
    private final StepUpAudit audit;
    private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

    public LocalStepUpController(LocalAccounts accounts, TotpCodes codes, SecretBox secretBox,
            LocalSignIn signIn, LocalStepUpMethod method, StepUpPolicy policy,
            StepUpAudit audit) {
        this.accounts = accounts;
        this.codes = codes;
        this.secretBox = secretBox;
        this.signIn = signIn;
        this.method = method;
        this.policy = policy;
        this.audit = audit;
    }

    @GetMapping(LocalStepUpMethod.CODE_PAGE)
    public String codeForm(Model model) {
        model.addAttribute("windowMinutes", Math.max(1, policy.windowSeconds() / 60));
        return "step-up/totp";
    }

    @PostMapping(LocalStepUpMethod.CODE_PAGE)
    public String checkCode(@RequestParam(name = "code", required = false) String code,
            HttpServletRequest request, HttpServletResponse response) {
        String login = CurrentUser.get().map(WorkspaceUser::login).orElseThrow();
        Optional<LocalAccount> account = accounts.find(login)
                .filter(LocalAccount::enabled)
                .filter(LocalAccount::totpEnrolled)
                .filter(found -> !found.lockedAt(accounts.instantNow()));
        StepUpDecision before = policy.evaluate(method.evidence(request, null));
        if (account.isEmpty() || signIn.addressBlocked(request)) {
            audit.failure(request, login, METHOD, before,
                    account.isEmpty() ? "account locked, disabled or not enrolled"
                            : "too many failures from this address");
            return "redirect:" + LocalStepUpMethod.CODE_PAGE + "?error";
        }
        String secret = secretBox.open(account.get().encryptedTotpSecret());
        OptionalLong step = codes.matchingStep(secret, code == null ? null : code.replaceAll("\\s", ""));
        if (step.isEmpty() || !accounts.acceptTotpStep(login, step.getAsLong())) {
            signIn.stepUpCodeRefused(request, login);
            audit.failure(request, login, METHOD, before,
                    step.isEmpty() ? "wrong code" : "code reused");
            return "redirect:" + LocalStepUpMethod.CODE_PAGE + "?error";
        }
        method.record(request);
        audit.success(request, login, METHOD, policy.evaluate(method.evidence(request, null)));
        SavedRequest saved = savedRequests.getRequest(request, response);
        savedRequests.removeRequest(request, response);
        return "redirect:" + WorkspaceLinks.returnPath(saved == null ? null
                : saved.getRedirectUrl(), "/step-up/status");
    }
}
