package org.agencyworkspace.meetings;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Audits a refused meeting change the same way whether it came from the API or the page: outside
 * the request's transaction (which rolled back), with who, from where, and why.
 */
@Component
class MeetingRefusals {

    private final AuditTrail audit;

    MeetingRefusals(AuditTrail audit) {
        this.audit = audit;
    }

    void record(String action, String login, String id, RuntimeException e, HttpServletRequest http) {
        AuditEvent.Builder event = AuditEvent.of(action, "process").actor(login, login)
                .source(http.getRemoteAddr(), http.getHeader("User-Agent")).failure(e.getMessage())
                .details(Map.of("refusal", e.getClass().getSimpleName()));
        if (id != null) {
            event.target("meeting", id);
        }
        audit.record(event.build());
    }
}
