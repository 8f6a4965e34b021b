package org.agencyworkspace.security.local;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.Authorities;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.WorkspacePrincipal;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.web.WorkspaceLinks;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The steps of a local sign-in shared by the handlers and the TOTP pages: start the code step
 * after a correct password, count failures (locking the account at the limit), and finish the
 * sign-in with the person's real roles. Every outcome is audited.
 */
public class LocalSignIn {

    static final String PENDING_SINCE = LocalSignIn.class.getName() + ".pendingSince";

    private final LocalAccounts accounts;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final SecurityContextRepository contexts;
    private final SecurityProperties.LoginThrottle limits;
    private final SecurityProperties.Local local;
    private final Clock clock;
    private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

    public LocalSignIn(LocalAccounts accounts, LoginThrottle throttle, AuditTrail audit,
            SecurityContextRepository contexts, SecurityProperties properties, Clock clock) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
        this.contexts = contexts;
        this.limits = properties.loginThrottle();
        this.local = properties.local();
        this.clock = clock;
    }

    /** The password was right: remember when, so the code step can expire. */
    void passwordAccepted(HttpServletRequest request) {
        request.getSession().setAttribute(PENDING_SINCE, clock.instant());
    }

    /** Whether the password step happened recently enough to accept a code now. */
    boolean codeStepOpen(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object since = session == null ? null : session.getAttribute(PENDING_SINCE);
        return since instanceof Instant started
                && started.plus(local.mfaTimeout()).isAfter(clock.instant());
    }

    /**
     * Counts a failed password or code for the account (when it exists) and the address.
     *
     * @param login the name that was typed, possibly unknown
     * @param reason internal reason for the audit record; never shown to the person
     */
    public void failed(HttpServletRequest request, String login, String reason) {
        record(request, login, reason, true);
    }

    /**
     * Audits a sign-in turned away because its address is throttled. The password was never
     * checked, so it does not count against the account: an attacker's address being blocked
     * must not keep the real person locked out.
     */
    public void refusedAddress(HttpServletRequest request, String login) {
        record(request, login, "too many failures from this address", false);
    }

    private void record(HttpServletRequest request, String login, String reason,
            boolean countAgainstAccount) {
        String address = request.getRemoteAddr();
        throttle.recordFailure(address);
        String name = login == null ? "" : login.strip();
        if (name.length() > 64) {
            name = name.substring(0, 64);
        }
        boolean known = countAgainstAccount && !name.isEmpty() && accounts.find(name).isPresent();
        boolean lockedNow = known
                && accounts.recordFailure(name, limits.maxFailures(), limits.lockout());
        audit.record(AuditEvent.of("login.failure", "authentication")
                .actor(name.isEmpty() ? "anonymous" : name, name)
                .target("account", name.isEmpty() ? "unknown" : name)
                .source(address, request.getHeader("User-Agent"))
                .failure(reason)
                .build());
        if (lockedNow) {
            auditLock(request, name);
        }
    }

    /**
     * A wrong code when stepping up counts toward lockout like one at sign-in, so the code step
     * cannot be guessed from a signed-in session; the caller audits the step-up itself.
     */
    void stepUpCodeRefused(HttpServletRequest request, String login) {
        throttle.recordFailure(request.getRemoteAddr());
        if (accounts.recordFailure(login, limits.maxFailures(), limits.lockout())) {
            auditLock(request, login);
        }
    }

    private void auditLock(HttpServletRequest request, String login) {
        audit.record(AuditEvent.of("account.lock", "iam")
                .target("account", login)
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .reason(limits.maxFailures() + " failed sign-ins; locked for " + limits.lockout())
                .build());
    }

    /** Whether the address has failed too often lately. */
    public boolean addressBlocked(HttpServletRequest request) {
        return throttle.blocked(request.getRemoteAddr());
    }

    /**
     * Both factors passed: replace the pending authentication with the person's real one, in a
     * new session id, and return where to go next.
     */
    String complete(HttpServletRequest request, HttpServletResponse response,
            LocalAccount account, String how) {
        accounts.recordSuccess(account.login());
        SavedRequest saved = savedRequests.getRequest(request, response);
        request.getSession().removeAttribute(PENDING_SINCE);
        request.changeSessionId();

        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(Authorities.WORKSPACE_USER));
        account.roles().forEach(role ->
                authorities.add(new SimpleGrantedAuthority(Authorities.roleAuthority(role))));
        boolean chinese = "zh".equals(LocaleContextHolder.getLocale().getLanguage());
        LocalPrincipal principal = new LocalPrincipal(account.toWorkspaceUser(chinese));
        Authentication authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);

        audit.record(AuditEvent.of("login.success", "authentication")
                .actor(account.login(), account.login())
                .target("account", account.login())
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .details(Map.of("method", how))
                .build());
        return WorkspaceLinks.returnPath(saved == null ? null : saved.getRedirectUrl(), "/");
    }

    /** The principal of a completed local sign-in. */
    public record LocalPrincipal(WorkspaceUser workspaceUser)
            implements WorkspacePrincipal, AuthenticatedPrincipal, Serializable {

        @Override
        public String getName() {
            return workspaceUser.login();
        }
    }
}
