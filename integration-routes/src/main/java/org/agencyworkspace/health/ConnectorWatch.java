package org.agencyworkspace.health;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.springframework.stereotype.Component;

/**
 * Notices when an outside system goes down or comes back: audits the change and tells the
 * administrators. The first check after start reports only systems that are down.
 */
@Component
public class ConnectorWatch {

    /** Group told about changes: everyone with the admin role. */
    static final String ADMINISTRATORS = "admin";

    private final ConnectorStatusService statuses;
    private final AuditTrail audit;
    private final Messenger messenger;
    private final Map<String, ConnectorStatus.State> lastSeen = new ConcurrentHashMap<>();

    public ConnectorWatch(ConnectorStatusService statuses, AuditTrail audit, Messenger messenger) {
        this.statuses = statuses;
        this.audit = audit;
        this.messenger = messenger;
    }

    /** Checks every connector and reports the ones whose state changed; returns how many. */
    public int check() {
        List<ConnectorStatus> now = statuses.all();
        int changes = 0;
        for (ConnectorStatus status : now) {
            ConnectorStatus.State before = lastSeen.put(status.id(), status.state());
            boolean firstLook = before == null;
            boolean changed = before != status.state()
                    && EnumSet.of(ConnectorStatus.State.UP, ConnectorStatus.State.DOWN)
                            .contains(status.state());
            if (changed && (!firstLook || status.state() == ConnectorStatus.State.DOWN)) {
                report(status);
                changes++;
            }
        }
        return changes;
    }

    private void report(ConnectorStatus status) {
        boolean down = status.state() == ConnectorStatus.State.DOWN;
        audit.record(AuditEvent.of(down ? "connector.down" : "connector.up", "configuration")
                .outcome(down ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS)
                .target("connector", status.id())
                .reason(status.detail())
                .build());
        messenger.send(OutgoingMessage.of(Recipient.group(ADMINISTRATORS),
                down ? "connector.down" : "connector.up",
                Map.of("connector", status.id(), "detail", status.detail())));
    }
}
