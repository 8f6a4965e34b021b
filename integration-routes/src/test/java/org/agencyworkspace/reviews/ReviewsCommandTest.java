package org.agencyworkspace.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code !reviews} lists and closes review panels for officers only, as the API does. */
class ReviewsCommandTest {

    final ReviewsFixture fixture;
    final ReviewsCommand command;

    ReviewsCommandTest(@TempDir Path folder) {
        fixture = new ReviewsFixture(folder);
        command = new ReviewsCommand(fixture.reviews, new JdbcStaffDirectory(fixture.database.jdbc()), fixture.texts);
    }

    static CommandContext asked(String login, Locale locale, String... arguments) {
        return new CommandContext(login, "@" + login + ":test", "!room", "$event", List.of(arguments),
                String.join(" ", arguments), locale);
    }

    Review open(String caseNumber) {
        Review review = fixture.reviews.create(fixture.newReview(caseNumber, ScoringMethod.TOTAL_SCORE, null,
                ReviewsFixture.fiveMembers()), ReviewsFixture.ALICE);
        return fixture.reviews.open(review.id(), ReviewsFixture.ALICE);
    }

    @Test
    void anOfficerListsTheReviewsNotClosedWithoutScoresOrNames() {
        Review review = open("CASE-115-020");

        CommandResult answer = command.handle(asked("alice", Locale.ENGLISH));

        assertThat(answer.success()).isTrue();
        assertThat(answer.text()).isEqualTo("Reviews not yet closed: 1.\n" + review.id()
                + " CASE-115-020 資訊系統委外開發 evaluation: OPEN, 0 of 5 sheets submitted")
                .doesNotContain("王教授", "erin");
        assertThat(command.handle(asked("alice", Locale.TRADITIONAL_CHINESE)).text()).startsWith("尚未結束的評選案：1 件。");
    }

    @Test
    void anOfficerClosesAReviewFromChatAsTheApiWould() {
        Review review = open("CASE-115-021");

        CommandResult answer = command.handle(asked("alice", Locale.ENGLISH, "close", review.id()));

        assertThat(answer.success()).isTrue();
        assertThat(answer.text()).startsWith("Closed: " + review.id()).contains("CLOSED");
        assertThat(fixture.reviews.load(review.id()).orElseThrow().status()).isEqualTo(Review.Status.CLOSED);
        assertThat(fixture.events.of(ReviewEvents.Closed.class)).singleElement()
                .satisfies(closed -> assertThat(closed.by()).isEqualTo("alice"));
        assertThat(command.handle(asked("alice", Locale.ENGLISH, "close", review.id())))
                .satisfies(again -> {
                    assertThat(again.success()).isFalse();
                    assertThat(again.text()).isEqualTo("the review is already closed");
                });
        assertThat(command.handle(asked("alice", Locale.ENGLISH)).text()).isEqualTo("Reviews not yet closed: 0.");
    }

    @Test
    void anyoneButAnOfficerIsRefusedAndTheRefusalIsAudited() {
        Review review = open("CASE-115-022");
        int audited = fixture.audit.events().size();

        CommandResult listing = command.handle(asked("erin", Locale.ENGLISH));
        CommandResult closing = command.handle(asked("erin", Locale.ENGLISH, "close", review.id()));

        assertThat(listing.success()).isFalse();
        assertThat(listing.text()).isEqualTo("only officers of general-affairs run reviews");
        assertThat(closing.success()).isFalse();
        assertThat(fixture.reviews.load(review.id()).orElseThrow().status()).isEqualTo(Review.Status.OPEN);
        assertThat(fixture.audit.events().subList(audited, fixture.audit.events().size()))
                .extracting(AuditEvent::action, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("review.list", AuditEvent.Outcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple("review.read", AuditEvent.Outcome.FAILURE));
        assertThat(command.handle(asked("alice", Locale.ENGLISH, "shut", review.id())).text())
                .isEqualTo("Use !reviews [close <id>]");
    }
}
