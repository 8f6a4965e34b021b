package org.agencyworkspace.files.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declassification on its date and reminders of overdue provisional decisions. */
class LabelReviewTest {

    static final WorkspaceUser AMY = new WorkspaceUser("amy", "Amy Lin", List.of("staff"),
            List.of("it"), "secret");

    final LocalFileStore store;
    final FilesFixture files;
    final List<OutgoingMessage> sent = new ArrayList<>();
    final LabelReview review;

    LabelReviewTest(@TempDir Path folder) {
        store = new LocalFileStore(folder);
        files = new FilesFixture(store);
        review = new LabelReview(files.records, files.labels, files.scheme, message -> {
            sent.add(message);
            return "message-" + sent.size();
        }, files.audit, files.clock);
    }

    @Test
    void aLabelIsLiftedOnItsDeclassificationDateInTheAgencysCalendarAndOnlyOnce() {
        // 2026-11-26T02:00Z is 10:00 in Taipei; the date is the 30th there.
        StoredFile file = labelled("/會議/紀錄.pdf", new LabelRequest("secret", "negotiation", null,
                LocalDate.parse("2026-11-30"), null, false, null, null));

        files.clock.set(Instant.parse("2026-11-29T15:59:00Z"));
        assertThat(review.review().declassified()).isZero();
        assertThat(files.labels.effective(file).label().level()).isEqualTo("secret");

        files.clock.set(Instant.parse("2026-11-29T16:00:00Z"));
        assertThat(review.review()).isEqualTo(new LabelReview.Outcome(1, 0, 0));
        assertThat(files.labels.effective(file).label().level()).isEqualTo("unmarked");
        assertThat(review.review().declassified()).isZero();

        AuditEvent lifted = files.audit.events().stream()
                .filter(event -> event.action().equals("file.label.declassified"))
                .reduce((earlier, later) -> later).orElseThrow();
        assertThat(lifted.actor()).isEqualTo(AuditEvent.Actor.SYSTEM);
        assertThat(lifted.details()).containsEntry("from", "secret").containsEntry("to", "unmarked");
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.recipient().id()).isEqualTo("amy");
            assertThat(message.templateKey()).isEqualTo("file.label.declassified");
            assertThat(message.parameters()).containsEntry("file", "/會議/紀錄.pdf")
                    .containsEntry("date", "2026-11-30");
        });
    }

    @Test
    void aLabelChangedSinceTheDateWasSetIsNotLiftedByTheOldDate() {
        StoredFile file = labelled("/b.pdf", new LabelRequest("secret", "matter", null,
                LocalDate.parse("2026-12-01"), null, false, null, null));
        files.labels.label(file, new LabelRequest("secret", "matter, extended", null,
                LocalDate.parse("2027-06-01"), null, false, null, null), AMY);

        files.clock.set(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(review.review().declassified()).isZero();
        assertThat(files.labels.effective(file).label().declassifyOn())
                .isEqualTo(LocalDate.parse("2027-06-01"));
    }

    @Test
    void anOverdueProvisionalDecisionIsBroughtUpOnceAWeekUntilDecided() {
        StoredFile file = labelled("/暫定.pdf", new LabelRequest("secret", "pending review", "chief",
                null, "公布後解密", true, null, null));
        Instant deadline = files.labels.effective(file).label().decisionDeadline();
        assertThat(deadline).isEqualTo(Instant.parse("2026-11-26T02:00:00Z").plus(Duration.ofDays(30)));

        files.clock.set(deadline.minusSeconds(1));
        assertThat(review.review().reminded()).isZero();
        files.clock.set(deadline.plusSeconds(1));
        assertThat(review.review().reminded()).isEqualTo(1);
        assertThat(sent).extracting(message -> message.recipient().id())
                .containsExactly("amy", "chief");
        assertThat(sent.get(0).templateKey()).isEqualTo("file.label.decision-overdue");
        assertThat(sent.get(0).parameters()).containsEntry("deadline", "2026-12-26");

        files.clock.advance(Duration.ofDays(6));
        assertThat(review.review().reminded()).isZero();
        files.clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(review.review().reminded()).isEqualTo(1);

        // Decided: the label is saved again without being provisional (a changed reason would
        // wait for a second person).
        assertThat(files.labels.label(file, new LabelRequest("secret", "pending review", "chief",
                null, "公布後解密", false, null, null), AMY).status())
                .isEqualTo(FileLabels.Status.APPLIED);
        files.clock.advance(Duration.ofDays(8));
        assertThat(review.review().reminded()).isZero();
        assertThat(files.audit.events()).filteredOn(event -> event.action()
                .equals("file.label.decision-overdue")).hasSize(2);
    }

    private StoredFile labelled(String path, LabelRequest request) {
        StoredFile file = store.write(FilePath.of(path),
                new ByteArrayInputStream("%PDF".getBytes(StandardCharsets.UTF_8)), null);
        files.labels.label(file, request, AMY);
        return file;
    }
}
