package org.agencyworkspace.files.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.access.Placements;
import org.agencyworkspace.files.manage.FileRefusedException;
import org.agencyworkspace.files.classification.LabelRejectedException;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUploadsTest {

    static final WorkspaceUser AMY = new WorkspaceUser("amy", "Amy", List.of("staff"),
            List.of("it"), "absolutely-secret");
    static final WorkspaceUser BOB = new WorkspaceUser("bob", "Bob", List.of("staff"),
            List.of("it"), "unmarked");

    static final WorkspaceUser CAT = new WorkspaceUser("cat", "Cat", List.of("staff"),
            List.of("personnel"), "secret");
    static final WorkspaceUser ADMIN = new WorkspaceUser("root", "Root", List.of("admin"),
            List.of("it"), "secret");

    final LocalFileStore store;
    final FilesFixture files;
    final FileLabels labels;
    final RecordingAuditTrail audit;
    final FileWriteAccess writeAccess;
    final FileUploads uploads;

    FileUploadsTest(@TempDir Path folder) {
        store = new LocalFileStore(folder);
        files = new FilesFixture(store);
        labels = files.labels;
        audit = files.audit;
        StaffDirectory directory = new StaffDirectory() {
            @Override
            public Optional<StaffMember> find(String login) {
                return List.of("amy", "bob", "cat").contains(login) ? Optional.of(new StaffMember(
                        login, login, login, Optional.empty(), true, "secret", List.of()))
                        : Optional.empty();
            }

            @Override
            public List<String> membersOf(String group) {
                return List.of();
            }

            @Override
            public boolean groupExists(String group) {
                return List.of("it", "personnel").contains(group);
            }
        };
        writeAccess = new FileWriteAccess(files.database.jdbc(), store, directory, audit, files.clock);
        uploads = new FileUploads(store, labels, files.scheme, files.policy, audit, writeAccess,
                files.placements(directory));
    }

    @Test
    void readingAFileIsNotEnoughToOverwriteIt() throws IOException {
        // The attack: Bob may read Amy's file, so he replaced it.
        FilePath path = FilePath.of("/公開/報告.docx");
        uploads.store(path, content("amy's"), null, AMY);

        // Refused in the words a hidden file gets too; the audit record says why.
        assertThatThrownBy(() -> uploads.store(path, content("bob's"), null, BOB))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageContaining(Placements.nameTaken(path));
        assertThat(text(path)).isEqualTo("amy's");
        assertThat(audit.events()).filteredOn(event -> event.action().equals("file.upload")
                && event.outcome() == AuditEvent.Outcome.FAILURE).singleElement()
                .satisfies(event -> assertThat(event.reason()).contains("only its owner (amy)"));

        uploads.store(path, content("amy's second"), null, AMY);
        assertThat(text(path)).isEqualTo("amy's second");
        writeAccess.grant(FilePath.of("/公開"), FileWriteAccess.GranteeKind.GROUP, "it", ADMIN);
        uploads.store(path, content("bob's"), null, BOB);
        assertThat(text(path)).as("a write grant to his group").isEqualTo("bob's");
        assertThatThrownBy(() -> uploads.store(path, content("cat's"), null, CAT))
                .isInstanceOf(FileRefusedException.class);
        writeAccess.grant(FilePath.of("/"), FileWriteAccess.GranteeKind.PERSON, "cat", ADMIN);
        uploads.store(path, content("cat's"), null, CAT);
        assertThat(text(path)).as("a grant on a folder further up, in person").isEqualTo("cat's");
    }

    @Test
    void aFileWithNoRecordedOwnerNeedsAGrantOrAnAdministrator() throws IOException {
        FilePath path = FilePath.of("/舊檔/a.txt");
        store.write(path, content("before"), null);

        assertThatThrownBy(() -> uploads.store(path, content("amy's"), null, AMY))
                .isInstanceOf(FileRefusedException.class);
        assertThat(audit.events()).filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE)
                .anySatisfy(event -> assertThat(event.reason())
                        .contains("only its owner, someone with a write grant"));
        uploads.store(path, content("root's"), null, ADMIN);
        assertThat(text(path)).isEqualTo("root's");
    }

    @Test
    void onlyAdministratorsGrantAndOnlyToPeopleOrGroupsTheDirectoryKnows() {
        store.createFolders(FilePath.of("/公開"));
        FilePath folder = FilePath.of("/公開");

        assertThatThrownBy(() -> writeAccess.grant(folder, FileWriteAccess.GranteeKind.PERSON, "bob",
                AMY)).isInstanceOf(LabelAccessDeniedException.class);
        assertThatThrownBy(() -> writeAccess.grant(folder, FileWriteAccess.GranteeKind.GROUP, "ghosts",
                ADMIN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghosts");
        assertThat(writeAccess.grants(folder, ADMIN)).isEmpty();
        writeAccess.grant(folder, FileWriteAccess.GranteeKind.PERSON, "bob", ADMIN);
        writeAccess.grant(folder, FileWriteAccess.GranteeKind.PERSON, "bob", ADMIN);
        assertThat(writeAccess.grants(folder, ADMIN)).extracting(FileWriteAccess.Grant::grantee)
                .containsExactly("bob");
        writeAccess.revoke(folder, FileWriteAccess.GranteeKind.PERSON, "bob", ADMIN);
        assertThat(writeAccess.grants(folder, ADMIN)).isEmpty();
        assertThat(audit.events()).extracting(AuditEvent::action).containsExactly(
                "file.write-grant.added", "file.write-grant.added", "file.write-grant.added",
                "file.write-grant.added", "file.write-grant.removed");
        assertThat(audit.events().subList(0, 2)).allSatisfy(event ->
                assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
    }

    @Test
    void aNewFileTakesItsFoldersLabelAsItsOwn() {
        store.createFolders(FilePath.of("/人事室"));
        labels.label(store.stat(FilePath.of("/人事室")).orElseThrow(), secret(), AMY);

        StoredFile file = uploads.store(FilePath.of("/人事室/名冊.pdf"), content("x"), null, AMY);

        FileLabels.Effective effective = labels.effective(file);
        assertThat(effective.label().level()).isEqualTo("secret");
        assertThat(effective.inherited(file.path())).as("its own copy of the label").isFalse();
        assertThat(audit.actions()).contains("file.upload", "file.label.inherited");
    }

    @Test
    void aNationalSecretIsRefusedBeforeAnythingIsStored() {
        FilePath path = FilePath.of("/國防/計畫.pdf");
        assertThatThrownBy(() -> uploads.store(path, content("x"), new LabelRequest("confidential",
                "defence plan", null, LocalDate.parse("2030-01-01"), null, false, List.of("amy"),
                null), AMY))
                .isInstanceOf(LabelRejectedException.class).hasMessageContaining("not accepted");
        assertThat(store.stat(path)).isEmpty();
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("file.upload");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        });
    }

    @Test
    void aReplacedFileKeepsItsOwnHigherLabelInAnUnlabelledFolder() {
        FilePath path = FilePath.of("/公開/報告.pdf");
        StoredFile first = uploads.store(path, content("one"), secret(), AMY);
        store.createFolders(FilePath.of("/公開"));
        labels.label(store.stat(FilePath.of("/公開")).orElseThrow(),
                new LabelRequest("unmarked", null, null, null, null, false, null, null), AMY);

        uploads.store(path, content("two"), null, AMY);

        assertThat(labels.effective(store.stat(path).orElseThrow()).label().level()).isEqualTo("secret");
        assertThat(first.fileId()).isEqualTo(store.stat(path).orElseThrow().fileId());
    }

    @Test
    void nobodyWritesIntoAFolderTheyMayNotRead() {
        store.createFolders(FilePath.of("/人事室"));
        labels.label(store.stat(FilePath.of("/人事室")).orElseThrow(), secret(), AMY);

        assertThatThrownBy(() -> uploads.store(FilePath.of("/人事室/x.pdf"), content("x"), null, BOB))
                .isInstanceOf(LabelAccessDeniedException.class)
                .hasMessageContaining("clearance unmarked is below");
        assertThat(store.stat(FilePath.of("/人事室/x.pdf"))).isEmpty();
    }

    private static LabelRequest secret() {
        return new LabelRequest("secret", "personnel", null, null, "公布後解密", false, null, null);
    }

    private String text(FilePath path) throws IOException {
        try (InputStream in = store.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ByteArrayInputStream content(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
