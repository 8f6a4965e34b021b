package org.agencyworkspace.security.stepup;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;

/** Audit records of step-ups: {@code step-up.success} and {@code step-up.failure}. */
public class StepUpAudit {

    private final AuditTrail audit;

    public StepUpAudit(AuditTrail audit) {
        this.audit = audit;
    }

    public void success(HttpServletRequest request, String login, String method,
            StepUpDecision decision) {
        audit.record(event("step-up.success", request, login, method, decision).success().build());
    }

    /** @param reason why the step-up failed, for the audit reader; never shown to the person */
    public void failure(HttpServletRequest request, String login, String method,
            StepUpDecision decision, String reason) {
        audit.record(event("step-up.failure", request, login, method, decision)
                .failure(reason).build());
    }

    private static AuditEvent.Builder event(String action, HttpServletRequest request,
            String login, String method, StepUpDecision decision) {
        Map<String, String> details = new HashMap<>();
        details.put("method", method);
        details.put("required", decision.requiredLevel());
        if (decision.level() != null) {
            details.put("level", decision.level());
        }
        if (decision.expiresAt() != null) {
            details.put("expiresAt", decision.expiresAt().toString());
        }
        return AuditEvent.of(action, "authentication")
                .actor(login, login)
                .target("account", login)
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .details(details);
    }
}
