package org.agencyworkspace.chat.builtin;

import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.platform.messaging.NotificationTemplates;

/**
 * {@code !approve <id>} and {@code !reject <id> <reason>}: decide a pending approval. Who may
 * decide is the approval's business (its approver role, never one's own request), so these
 * commands need no role of their own.
 */
abstract class DecisionCommand implements ChatCommand {

    private final Approvals approvals;
    private final NotificationTemplates texts;
    private final boolean approve;

    DecisionCommand(Approvals approvals, NotificationTemplates texts, boolean approve) {
        this.approvals = approvals;
        this.texts = texts;
        this.approve = approve;
    }

    @Override
    public String name() {
        return approve ? "approve" : "reject";
    }

    @Override
    public String usage() {
        return approve ? "!approve <id>" : "!reject <id> <reason>";
    }

    @Override
    public String description(Locale locale) {
        return texts.text(approve ? "chat.help.approve" : "chat.help.reject", Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        Locale locale = context.locale();
        String reason = context.arguments().size() > 1
                ? context.argumentText().substring(context.argumentText().indexOf(' ') + 1).strip()
                : "";
        if (context.arguments().isEmpty() || (!approve && reason.isEmpty())) {
            return CommandResult.refused(texts.text("chat.approval.usage",
                    Map.of("usage", usage()), locale));
        }
        String id = context.arguments().get(0);
        Approvals.Decision decision = approvals.decide(id, context.login(), approve,
                approve ? null : reason);
        Approval approval = decision.approval();
        return switch (decision.outcome()) {
            case DECIDED -> CommandResult.done(texts.text("chat.approval.done", Map.of("id",
                    approval.id(), "subject", approval.subject(),
                    "decision", decisionText(approval.status(), locale)), locale));
            case NOT_FOUND -> CommandResult.refused(texts.text("chat.approval.not-found",
                    Map.of("id", id), locale));
            case ALREADY_DECIDED -> CommandResult.refused(texts.text("chat.approval.already",
                    Map.of("id", approval.id(), "by", String.valueOf(approval.decidedBy()),
                            "decision", decisionText(approval.status(), locale)), locale));
            case NOT_PERMITTED -> CommandResult.refused(texts.text("chat.approval.not-permitted",
                    Map.of("id", approval.id(), "role", approval.approverRole()), locale));
            case OWN_REQUEST -> CommandResult.refused(texts.text("chat.approval.own",
                    Map.of("id", approval.id()), locale));
        };
    }

    private String decisionText(Approval.Status status, Locale locale) {
        return texts.text(status == Approval.Status.APPROVED ? "chat.decision.approved"
                : "chat.decision.rejected", Map.of(), locale);
    }
}
