package org.agencyworkspace.reviews;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Component;

/**
 * {@code !reviews}: for the officers who run review panels, the reviews not yet closed (status and
 * how many sheets are in, never a score or a member's name); {@code !reviews close <id>} closes one,
 * as the page and {@code POST /api/reviews/{id}/close} do (same checks, audit and event). Anyone
 * else is told that only officers run reviews, and the refusal is audited.
 */
@Component
class ReviewsCommand implements ChatCommand {

    private static final int LISTED = 10;

    private final Reviews reviews;
    private final StaffDirectory directory;
    private final NotificationTemplates texts;

    ReviewsCommand(Reviews reviews, StaffDirectory directory, NotificationTemplates texts) {
        this.reviews = reviews;
        this.directory = directory;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "reviews";
    }

    @Override
    public String usage() {
        return "!reviews [close <id>]";
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help.reviews", Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        Locale locale = context.locale();
        WorkspaceUser officer = officer(context.login(), locale);
        List<String> arguments = context.arguments();
        try {
            if (arguments.isEmpty()) {
                List<Review> live = reviews.listForOfficer(officer).stream()
                        .filter(review -> review.status() != Review.Status.CLOSED).toList();
                StringBuilder list = new StringBuilder();
                live.stream().limit(LISTED).forEach(review -> list.append('\n').append(line(review, locale)));
                return CommandResult.done(texts.text("chat.reviews.list",
                        Map.of("count", Integer.toString(live.size()), "list", list.toString()), locale));
            }
            if (arguments.size() == 2 && "close".equalsIgnoreCase(arguments.get(0))) {
                Review closed = reviews.close(arguments.get(1).strip(), officer);
                return CommandResult.done(texts.text("chat.reviews.closed", Map.of("line", line(closed, locale)), locale));
            }
            return CommandResult.refused(texts.text("chat.reviews.usage", Map.of("usage", usage()), locale));
        } catch (ReviewException refused) {
            // Reviews audited the refusal where it decided it.
            return CommandResult.refused(String.join("; ", refused.problems()));
        }
    }

    private WorkspaceUser officer(String login, Locale locale) {
        StaffDirectory.StaffMember member = directory.find(login).orElseThrow();
        return new WorkspaceUser(login, member.displayName(locale), List.of(), member.departments(),
                member.clearance());
    }

    private String line(Review review, Locale locale) {
        long submitted = review.members().stream().filter(member -> member.submittedAt() != null).count();
        return texts.text("chat.reviews.line", Map.of("id", review.id(), "case", review.caseNumber(),
                "subject", review.subject(), "status", review.status().name(),
                "submitted", Long.toString(submitted), "members", Integer.toString(review.members().size())), locale);
    }
}
