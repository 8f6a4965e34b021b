package org.agencyworkspace.web;

import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Audits a request refused as invalid before any policy decision (a path with {@code ..} or
 * control characters, an unknown kind, a malformed value): probing shows in the audit trail like
 * any refusal, whichever API was probed.
 */
@Component
public class InvalidRequests {

    private final AuditTrail audit;

    public InvalidRequests(AuditTrail audit) {
        this.audit = audit;
    }

    /** Records the refusal; {@code reason} is the message the person is shown. */
    public void record(String uri, String reason) {
        AuditEvent.Builder event = AuditEvent.of("request.invalid", "web")
                .failure(reason)
                .target("request", uri);
        CurrentUser.get().ifPresent(user -> event.actor(user.login(), user.displayName()));
        audit.record(event.build());
    }
}
