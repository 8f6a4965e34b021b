package org.agencyworkspace.chat.builtin;

import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.stereotype.Component;

/** {@code !approve <id>}. */
@Component
public class ApproveCommand extends DecisionCommand {

    public ApproveCommand(Approvals approvals, NotificationTemplates texts) {
        super(approvals, texts, true);
    }
}
