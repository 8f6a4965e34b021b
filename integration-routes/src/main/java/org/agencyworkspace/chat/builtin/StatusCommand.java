package org.agencyworkspace.chat.builtin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.stereotype.Component;

/** {@code !status}: how many requests wait for the sender's decision (listed), and their own open ones. */
@Component
public class StatusCommand implements ChatCommand {

    private static final int LISTED = 10;

    private final Approvals approvals;
    private final NotificationTemplates texts;

    public StatusCommand(Approvals approvals, NotificationTemplates texts) {
        this.approvals = approvals;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String usage() {
        return "!status";
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help.status", Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        List<Approval> pending = approvals.pendingFor(context.login());
        int open = approvals.openRequestsOf(context.login()).size();
        StringBuilder list = new StringBuilder();
        pending.stream().limit(LISTED).forEach(approval -> list.append('\n').append(approval.id())
                .append("  ").append(approval.subject()));
        return CommandResult.done(texts.text("chat.status.text", Map.of(
                "pending", Integer.toString(pending.size()), "open", Integer.toString(open),
                "list", list.toString()), context.locale()));
    }
}
