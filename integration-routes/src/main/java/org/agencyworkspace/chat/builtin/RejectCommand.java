package org.agencyworkspace.chat.builtin;

import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.stereotype.Component;

/** {@code !reject <id> <reason>}: the reason is required and goes to the requester. */
@Component
public class RejectCommand extends DecisionCommand {

    public RejectCommand(Approvals approvals, NotificationTemplates texts) {
        super(approvals, texts, false);
    }
}
