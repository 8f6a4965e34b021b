package org.agencyworkspace.files.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.classification.LabelRejectedException;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLabelsTest {

    static final WorkspaceUser AMY = user("amy", "secret", "staff");
    static final WorkspaceUser BOB = user("bob", "secret", "manager");
    static final WorkspaceUser CAT = user("cat", "unmarked", "manager");
    static final WorkspaceUser DAN = user("dan", "secret", "staff");

    final LocalFileStore store;
    final FilesFixture files;
    final RecordingAuditTrail audit;
    final MutableClock clock;
    final FileLabels labels;

    FileLabelsTest(@TempDir Path folder) {
        store = new LocalFileStore(folder);
        files = new FilesFixture(store);
        audit = files.audit;
        clock = files.clock;
        labels = new FileLabels(store, files.records, files.scheme, files.policy, audit,
                files.domainEvents, clock);
    }

    @Test
    void aLabelIsKeptWithTheFileAuditedAndShownInTheStoreAfterCommit() {
        StoredFile file = file("/人事室/名冊.pdf");

        FileLabels.Outcome outcome = labels.label(file, secret("personnel data"), AMY);

        assertThat(outcome.status()).isEqualTo(FileLabels.Status.APPLIED);
        FileLabels.Effective effective = labels.effective(file);
        assertThat(effective.label().level()).isEqualTo("secret");
        assertThat(effective.label().classifiedBy()).isEqualTo("amy");
        assertThat(effective.inherited(file.path())).isFalse();
        AuditEvent event = audit.events().get(0);
        assertThat(event.action()).isEqualTo("file.label.set");
        assertThat(event.target().classification()).isEqualTo("secret");
        assertThat(event.details()).containsEntry("from", "none").containsEntry("reason", "personnel data");
        assertThat(files.domainEvents.of(FileEvents.Labelled.class)).as("published for the store and the share guard")
                .extracting(FileEvents.Labelled::path).containsExactly("/人事室/名冊.pdf");
    }

    @Test
    void aFolderLabelIsTheDefaultOfEveryFileBelowIt() {
        StoredFile folder = store.stat(FilePath.of("/人事室")).orElseGet(() -> {
            store.createFolders(FilePath.of("/人事室/2026"));
            return store.stat(FilePath.of("/人事室")).orElseThrow();
        });
        labels.label(folder, secret("personnel folder"), AMY);

        StoredFile inside = file("/人事室/2026/考績.docx");

        FileLabels.Effective effective = labels.effective(inside);
        assertThat(effective.label().level()).isEqualTo("secret");
        assertThat(effective.from()).isEqualTo(FilePath.of("/人事室"));
        assertThat(effective.inherited(inside.path())).isTrue();
        assertThat(labels.effective(file("/公開/簡介.pdf")).label()).isNull();

        // Walking down from the folder gives the same answer without looking upwards again.
        StoredFile year = store.stat(FilePath.of("/人事室/2026")).orElseThrow();
        FileLabels.Effective walked = labels.effectiveIn(inside,
                labels.effectiveIn(year, labels.effective(folder)));
        assertThat(walked).isEqualTo(effective);
        labels.label(inside, secret("appraisal"), AMY);
        assertThat(labels.effectiveIn(inside, labels.effective(year)).from()).isEqualTo(inside.path());
    }

    @Test
    void nationalSecretsAndUnreasonedLabelsAreRefusedAndNothingIsStored() {
        StoredFile file = file("/a.pdf");
        assertThatThrownBy(() -> labels.label(file, new LabelRequest("confidential", "x", null,
                LocalDate.parse("2030-01-01"), null, false, List.of("amy"), List.of()), user("eve", "absolutely-secret", "staff")))
                .isInstanceOf(LabelRejectedException.class).hasMessageContaining("not accepted");
        assertThatThrownBy(() -> labels.label(file, new LabelRequest("secret", "", null, null,
                "公布後解密", false, null, null), AMY))
                .isInstanceOf(LabelRejectedException.class).hasMessageContaining("reason");
        assertThat(labels.effective(file).label()).isNull();
        assertThat(audit.events()).hasSize(2).allSatisfy(event -> {
            assertThat(event.action()).isEqualTo("file.label.set");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        });
    }

    @Test
    void nobodyClassifiesAboveTheirClearanceOrRelabelsWhatTheyCannotRead() {
        StoredFile file = file("/b.pdf");
        assertThatThrownBy(() -> labels.label(file, secret("x"), CAT))
                .isInstanceOf(LabelAccessDeniedException.class)
                .hasMessageContaining("may not classify at secret");
        labels.label(file, secret("x"), AMY);
        assertThatThrownBy(() -> labels.label(file, unmarked(), CAT))
                .isInstanceOf(LabelAccessDeniedException.class)
                .hasMessageContaining("clearance unmarked is below");
    }

    @Test
    void aDowngradeWaitsForASecondPersonWithAnApproverRole() {
        StoredFile file = file("/c.pdf");
        labels.label(file, secret("draft"), AMY);

        FileLabels.Outcome asked = labels.label(file, unmarked(), DAN);
        assertThat(asked.status()).isEqualTo(FileLabels.Status.PENDING_APPROVAL);
        assertThat(labels.effective(file).label().level()).isEqualTo("secret");
        assertThat(asked.weakens()).containsExactly("a lower level");
        assertThat(labels.pendingFor(DAN)).extracting(LabelRecords.Change::id).containsExactly(asked.changeId());
        assertThat(labels.pendingFor(BOB)).extracting(LabelRecords.Change::id).containsExactly(asked.changeId());
        assertThat(labels.pendingFor(AMY)).as("neither asked nor may decide: sees nothing").isEmpty();

        assertThatThrownBy(() -> labels.approve(asked.changeId(), DAN))
                .hasMessageContaining("needs a second person");
        assertThatThrownBy(() -> labels.approve(asked.changeId(), AMY))
                .hasMessageContaining("needs one of the roles security-officer, manager");
        assertThatThrownBy(() -> labels.approve(asked.changeId(), CAT))
                .hasMessageContaining("clearance unmarked is below secret");

        assertThat(labels.approve(asked.changeId(), BOB).status()).isEqualTo(FileLabels.Status.APPLIED);
        assertThat(labels.effective(file).label().level()).isEqualTo("unmarked");
        assertThatThrownBy(() -> labels.approve(asked.changeId(), BOB))
                .isInstanceOf(LabelRejectedException.class).hasMessageContaining("no change");
        assertThat(audit.actions()).containsExactly("file.label.set",
                "file.label.downgrade-requested", "file.label.downgrade-approved",
                "file.label.downgrade-approved", "file.label.downgrade-approved",
                "file.label.downgrade-approved", "file.label.downgrade-approved");
        assertThat(audit.events().subList(2, 5)).as("each refused approval is audited")
                .allSatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
        assertThat(files.domainEvents.published()).extracting(published -> published.payload())
                .as("the request and the refusals publish nothing; the approved change does")
                .containsExactly(
                        new FileEvents.Labelled("/c.pdf", false, "secret", "amy", null, false),
                        new FileEvents.Relabelled("/c.pdf", false, "secret", "unmarked", "dan",
                                "bob"));
    }

    /** Failed before the fix: an old request, approved late, undid a label decided after it. */
    @Test
    void aRequestOvertakenByALaterLabelCannotBeApproved() {
        StoredFile file = file("/d.pdf");
        labels.label(file, secret("draft"), AMY);
        FileLabels.Outcome asked = labels.label(file, unmarked(), DAN);
        clock.advance(java.time.Duration.ofMinutes(5));
        labels.label(file, secret("personnel data of the 2027 budget"), AMY);

        assertThatThrownBy(() -> labels.approve(asked.changeId(), BOB))
                .isInstanceOf(LabelRejectedException.class)
                .hasMessageContaining("changed since");
        assertThat(labels.effective(file).label().reason())
                .isEqualTo("personnel data of the 2027 budget");
        assertThat(audit.events().get(audit.events().size() - 1).outcome())
                .isEqualTo(AuditEvent.Outcome.FAILURE);
    }

    @Test
    void aSameLevelRelabelThatEndsProtectionSoonerWaitsForASecondPerson() {
        // The attack: same level, a declassification date of tomorrow; the hourly review would
        // then lift the label with the system as the actor.
        StoredFile file = file("/e.pdf");
        labels.label(file, secret("tender"), AMY);
        Label before = labels.effective(file).label();

        FileLabels.Outcome tomorrow = labels.label(file, new LabelRequest("secret", "tender", null,
                LocalDate.parse("2026-11-27"), null, false, null, null), AMY);

        assertThat(tomorrow.status()).isEqualTo(FileLabels.Status.PENDING_APPROVAL);
        assertThat(tomorrow.weakens()).containsExactly("a new declassification date");
        assertThat(labels.effective(file).label()).isEqualTo(before);
        assertThat(files.records.dueForDeclassification(LocalDate.parse("2026-11-27"), "unmarked"))
                .isEmpty();

        FileLabels.Outcome condition = labels.label(file, secret("tender", "下週公布後解密"), AMY);
        assertThat(condition.weakens()).containsExactly("a new declassification condition");

        labels.reject(tomorrow.changeId(), BOB, "too soon");
        labels.reject(condition.changeId(), BOB, "no");
        assertThat(labels.effective(file).label()).isEqualTo(before);
        FileLabels.Outcome dated = labels.label(file, new LabelRequest("secret", "tender", null,
                LocalDate.parse("2030-01-01"), null, false, null, null), AMY);
        labels.approve(dated.changeId(), BOB);
        assertThat(labels.effective(file).label().declassifyOn()).isEqualTo("2030-01-01");
        assertThat(labels.label(file, new LabelRequest("secret", "tender", null,
                LocalDate.parse("2029-01-01"), null, false, null, null), AMY).weakens())
                .containsExactly("an earlier declassification date");
        assertThat(labels.label(file, new LabelRequest("secret", "tender", null,
                LocalDate.parse("2031-01-01"), null, false, null, null), AMY).status())
                .as("a later date protects longer").isEqualTo(FileLabels.Status.APPLIED);
    }

    @Test
    void aSameLevelRelabelReplacingReadersOrClassifierWaitsForASecondPerson() {
        StoredFile file = file("/f.pdf");
        labels.label(file, new LabelRequest("secret", "case", null, null, "結案後解密", false,
                List.of("amy", "dan"), List.of()), AMY);
        Label before = labels.effective(file).label();

        FileLabels.Outcome replaced = labels.label(file, new LabelRequest("secret", "case", null,
                null, "結案後解密", false, List.of("dan"), List.of()), DAN);

        assertThat(replaced.status()).isEqualTo(FileLabels.Status.PENDING_APPROVAL);
        assertThat(replaced.weakens()).containsExactly("other people or groups who need to know",
                "another classifier");
        assertThat(labels.label(file, new LabelRequest("secret", "case", null, null, "結案後解密",
                false, List.of(), List.of()), AMY).weakens())
                .containsExactly("other people or groups who need to know");
        assertThat(labels.label(file, new LabelRequest("secret", "case", null, null, "結案後解密",
                false, List.of("amy", "dan"), List.of()), DAN).weakens())
                .containsExactly("another classifier");
        assertThat(labels.effective(file).label()).isEqualTo(before);
        assertThat(audit.actions()).containsExactly("file.label.set",
                "file.label.downgrade-requested", "file.label.downgrade-requested",
                "file.label.downgrade-requested");

    }

    @Test
    void aProvisionalLabelsReasonIsNotRewrittenWithoutASecondPerson() {
        StoredFile file = file("/g.pdf");
        labels.label(file, new LabelRequest("secret", "draft budget", null, null, "公布後解密", true,
                null, null), AMY);

        assertThat(labels.label(file, new LabelRequest("secret", "nothing sensitive", null, null,
                "公布後解密", true, null, null), AMY).weakens())
                .containsExactly("a changed reason on a provisional label");
        assertThat(labels.label(file, new LabelRequest("secret", "draft budget", null, null,
                "公布後解密", false, null, null), AMY).status())
                .as("confirming it as it is").isEqualTo(FileLabels.Status.APPLIED);
    }

    @Test
    void aRejectedDowngradeLeavesTheLabel() {
        StoredFile file = file("/d.pdf");
        labels.label(file, secret("draft"), AMY);
        FileLabels.Outcome asked = labels.label(file, unmarked(), DAN);

        labels.reject(asked.changeId(), BOB, "still sensitive");

        assertThat(labels.effective(file).label().level()).isEqualTo("secret");
        assertThat(audit.events().get(2).details()).containsEntry("note", "still sensitive");
    }

    private StoredFile file(String path) {
        return store.write(FilePath.of(path),
                new ByteArrayInputStream("content".getBytes(StandardCharsets.UTF_8)), null);
    }

    private static LabelRequest secret(String reason) {
        return new LabelRequest("secret", reason, null, null, "公布後解密", false, null, null);
    }

    private static LabelRequest secret(String reason, String condition) {
        return new LabelRequest("secret", reason, null, null, condition, false, null, null);
    }

    private static LabelRequest unmarked() {
        return new LabelRequest("unmarked", null, null, null, null, false, null, null);
    }

    private static WorkspaceUser user(String login, String clearance, String role) {
        return new WorkspaceUser(login, login, List.of(role), List.of("it"), clearance);
    }
}
