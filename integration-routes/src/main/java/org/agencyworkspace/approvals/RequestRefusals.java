package org.agencyworkspace.approvals;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Audits a request for approval the registry refused (no holder of the role, a bad field, a link
 * outside the workspace), for the API and the page alike: outside the request's transaction,
 * which rolled back.
 */
@Component
class RequestRefusals {

    private final AuditTrail audit;

    RequestRefusals(AuditTrail audit) {
        this.audit = audit;
    }

    void record(String login, HttpServletRequest http, String kind, String link, String problem) {
        audit.record(AuditEvent.of("approval.request", "process").actor(login, login)
                .source(http.getRemoteAddr(), http.getHeader("User-Agent"))
                .failure(problem)
                .details(Map.of("kind", String.valueOf(kind), "link", String.valueOf(link)))
                .build());
    }
}
