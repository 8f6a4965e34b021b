package org.agencyworkspace.expenses;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.stereotype.Component;

/**
 * {@code !expense <id>}: where a claim stands (the approval id to {@code !approve} when it waits
 * for someone); {@code !expense} alone lists the sender's open claims. Answers only about claims
 * the sender may read; any other id is "not found", as on the web.
 */
@Component
class ExpenseCommand implements ChatCommand {

    private static final int LISTED = 10;

    private final ExpenseClaims claims;
    private final NotificationTemplates texts;

    ExpenseCommand(ExpenseClaims claims, NotificationTemplates texts) {
        this.claims = claims;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "expense";
    }

    @Override
    public String usage() {
        return "!expense [id]";
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help.expense", Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        Locale locale = context.locale();
        if (context.arguments().isEmpty()) {
            List<Claim> open = claims.openClaimsOf(context.login());
            StringBuilder list = new StringBuilder();
            open.stream().limit(LISTED).forEach(claim -> list.append('\n').append(line(claim, locale)));
            return CommandResult.done(texts.text("chat.expense.list", Map.of(
                    "count", Integer.toString(open.size()), "list", list.toString()), locale));
        }
        String argument = context.arguments().get(0).replace("#", "");
        Optional<Claim> found = argument.matches("\\d{1,18}")
                ? claims.load(Long.parseLong(argument)).filter(claim -> claims.mayRead(claim, context.login()))
                : Optional.empty();
        return found.map(claim -> CommandResult.done(line(claim, locale)))
                .orElseGet(() -> CommandResult.refused(texts.text("chat.expense.not-found",
                        Map.of("id", argument), locale)));
    }

    private String line(Claim claim, Locale locale) {
        return texts.text("chat.expense.status", Map.of("id", Long.toString(claim.id()),
                "purpose", claim.purpose(), "total", claim.total().toPlainString(),
                "status", texts.text("chat.expense.status." + claim.status().name(), Map.of(), locale),
                "approval", claim.approvalId() == null ? "" : claim.approvalId()), locale);
    }
}
