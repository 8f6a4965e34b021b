package org.agencyworkspace.files.versions;

import static org.agencyworkspace.files.manage.FileOperationsFixture.AMY;
import static org.agencyworkspace.files.manage.FileOperationsFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.delivery.CopyMarker;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.files.delivery.RecordingCopyMarker;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.files.manage.FileOperationsFixture;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Versions on the local folder: every overwrite keeps what it replaced, outside the file area;
 * the list names who saved each; a version leaves as the file does (marked when labelled) and
 * only to whoever may read the file; restoring needs write permission and keeps the content it
 * replaces; a move takes versions along; no more than the configured number stay.
 */
class FileVersionsTest {

    final Path kept;
    final Path area;
    final FileOperationsFixture fixture;
    final FileVersionRecords records;
    final FileVersions versions;
    final CopyRegister register;
    final Map<String, Integer> generation = new HashMap<>();
    boolean stableIds;

    /** May approve a downgrade: a security officer cleared for 密 (secret). */
    static final WorkspaceUser SECURITY = new WorkspaceUser("sec", "Sec", List.of("security-officer"),
            List.of("it"), "secret");

    FileVersionsTest(@TempDir Path folder) throws IOException {
        area = Files.createDirectories(folder.resolve("files"));
        kept = folder.resolve("file-versions");
        // The local folder, or (stableIds) a store that keeps ids as Nextcloud does: a file made
        // anew at a freed path gets another id (its generation).
        LocalFileStore local = new LocalFileStore(area) {
            @Override
            public boolean stableIds() {
                return stableIds;
            }

            @Override
            public Optional<StoredFile> stat(FilePath path) {
                return super.stat(path).map(found -> !generation.containsKey(path.toString()) ? found
                        : new StoredFile(found.path(), found.fileId() + "-" + generation.get(path.toString()),
                                found.etag(), found.size(), found.contentType(), found.lastModified(),
                                found.folder()));
            }
        };
        FilesFixture bootstrap = new FilesFixture(local);
        records = new FileVersionRecords(bootstrap.database.jdbc(), kept, 3, bootstrap.clock,
                bootstrap.records);
        fixture = new FileOperationsFixture(new VersionKeepingFileStore(local, records,
                file -> bootstrap.labels.effective(file).label(), bootstrap.scheme::levelOf), bootstrap);
        FilesFixture files = fixture.files;
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("watermarker", new RecordingCopyMarker());
        register = new CopyRegister(files.database.jdbc(), files.clock);
        FileDelivery delivery = new FileDelivery(fixture.store, files.labels, files.policy, files.scheme,
                beans.getBeanProvider(CopyMarker.class), register,
                files.audit, files.domainEvents, files.clock, FilesFixture.properties(200), () -> { });
        versions = new FileVersions(fixture.store, records, files.labels, files.scheme, files.policy,
                fixture.writeAccess, delivery, files.audit, files.domainEvents);
    }

    @Test
    void eachOverwriteKeepsWhatItReplacedAndARestoreKeepsWhatItReplacesToo() throws IOException {
        FilePath file = FilePath.of("/報告.txt");
        save(file, "first", AMY);
        save(file, "second", AMY);
        fixture.files.clock.advance(java.time.Duration.ofMinutes(5));
        save(file, "third", AMY);

        List<FileVersionRecords.Version> listed = versions.list(file, BOB);
        assertThat(listed).extracting(FileVersionRecords.Version::size).containsExactly(6L, 5L);
        assertThat(listed).allSatisfy(version -> assertThat(version.savedBy()).isEqualTo("amy"));
        assertThat(text(versions.download(listed.get(1).id(), BOB))).isEqualTo("first");
        try (Stream<Path> inArea = Files.walk(area)) {
            assertThat(inArea.filter(Files::isRegularFile)).as("nothing kept inside the file area")
                    .extracting(path -> path.getFileName().toString()).containsExactly("報告.txt");
        }

        // Bob may read the file, not change it.
        RefusedException bob = refusal(() -> versions.restore(listed.get(1).id(), BOB));
        assertThat(bob.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN);
        assertThat(read(file)).isEqualTo("third");

        VersionKeepingFileStore.writingAs("amy", () -> versions.restore(listed.get(1).id(), AMY));

        assertThat(read(file)).isEqualTo("first");
        assertThat(versions.list(file, AMY)).extracting(FileVersionRecords.Version::size)
                .containsExactly(5L, 6L, 5L);
        assertThat(fixture.files.domainEvents.of(FileEvents.VersionRestored.class)).singleElement()
                .satisfies(event -> assertThat(event.by()).isEqualTo("amy"));
        assertThat(fixture.files.audit.events()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("file.version.restore");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        });
    }

    @Test
    void aLabelledFilesVersionsAreHiddenBelowItsLevelAndLeaveOnlyMarked() throws IOException {
        FilePath file = FilePath.of("/人事室/名冊.txt");
        VersionKeepingFileStore.writingAs("amy", () -> fixture.upload(file, "secret", AMY));
        save(file, "the new list", AMY);
        String id = versions.list(file, AMY).get(0).id();

        for (Executable attempt : List.<Executable>of(() -> versions.list(file, BOB),
                () -> versions.download(id, BOB), () -> versions.restore(id, BOB))) {
            assertThat(refusal(attempt).kind()).isEqualTo(RefusedException.Kind.NOT_FOUND);
        }
        try (Delivery copy = versions.download(id, AMY)) {
            assertThat(copy.marked()).isTrue();
            assertThat(Files.readString(copy.content())).startsWith("%PDF marked").doesNotContain("content of");
        }
    }

    @Test
    void aMoveTakesVersionsAlongAndOnlyTheConfiguredNumberStay() throws IOException {
        fixture.operations.createFolder(FilePath.root(), "a", AMY);
        FilePath file = FilePath.of("/a/草稿.txt");
        for (int i = 1; i <= 5; i++) {
            save(file, "draft " + i, AMY);
        }
        assertThat(versions.list(file, AMY)).hasSize(3);
        try (Stream<Path> blobs = Files.list(kept)) {
            assertThat(blobs).hasSize(3);
        }

        fixture.operations.createFolder(FilePath.root(), "b", AMY);
        fixture.operations.move(FilePath.of("/a"), FilePath.of("/b"), AMY);
        FilePath moved = FilePath.of("/b/a/草稿.txt");
        assertThat(versions.list(moved, AMY)).hasSize(3);
        assertThat(text(versions.download(versions.list(moved, AMY).get(0).id(), AMY))).isEqualTo("draft 4");

        fixture.operations.delete(moved, null, AMY);
        assertThat(refusal(() -> versions.list(moved, AMY)).kind()).isEqualTo(RefusedException.Kind.NOT_FOUND);
    }

    /**
     * The attacker's case: 密 content replaced by a redacted text, then the file downgraded to
     * 普通 with approval. The old content keeps 密: hidden from a person cleared for 普通 only,
     * marked 密 for one cleared for it and registered as a copy of that version, and not
     * restorable under 普通 even by someone who may change the file.
     */
    @Test
    void aVersionKeepsTheLabelItHadWhenTheFileIsDowngradedLater() throws IOException {
        FilePath file = FilePath.of("/report.txt");
        VersionKeepingFileStore.writingAs("amy", () -> fixture.upload(file, "secret", AMY));
        save(file, "redacted", AMY);
        FileLabels.Outcome asked = fixture.files.labels.label(fixture.store.stat(file).orElseThrow(),
                new LabelRequest("unmarked", null, null, null, null, false, null, null), AMY);
        fixture.files.labels.approve(asked.changeId(), SECURITY);
        assertThat(fixture.levelAt(file)).isEqualTo("unmarked");

        assertThat(versions.list(file, BOB)).as("cleared for 普通 only: the 密 past is not listed").isEmpty();
        List<FileVersionRecords.Version> listed = versions.list(file, AMY);
        assertThat(listed).singleElement().satisfies(version -> assertThat(version.level()).isEqualTo("secret"));
        String id = listed.get(0).id();
        for (Executable attempt : List.<Executable>of(() -> versions.download(id, BOB),
                () -> versions.restore(id, BOB))) {
            assertThat(refusal(attempt).kind()).isEqualTo(RefusedException.Kind.NOT_FOUND);
        }

        try (Delivery copy = versions.download(id, AMY)) {
            assertThat(copy.marked()).as("marked by the version's 密, not the file's 普通").isTrue();
            assertThat(register.find(copy.deliveryId())).hasValueSatisfying(registered -> {
                assertThat(registered.level()).isEqualTo("secret");
                assertThat(registered.versionId()).isEqualTo(id);
            });
        }

        RefusedException restore = refusal(() -> versions.restore(id, AMY));
        assertThat(restore.kind()).isEqualTo(RefusedException.Kind.CONFLICT);
        assertThat(restore.problems()).singleElement().asString().contains("secret", "label the file");
        assertThat(read(file)).isEqualTo("redacted");
        assertThat(fixture.files.audit.events()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("file.version.restore");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        });

        // Labelled 密 again, the file may take its 密 content back.
        fixture.files.labels.label(fixture.store.stat(file).orElseThrow(), new LabelRequest("secret",
                "人事資料", null, null, "公布後解密", false, null, null), AMY);
        VersionKeepingFileStore.writingAs("amy", () -> versions.restore(id, AMY));
        assertThat(read(file)).isEqualTo("content of report.txt");
    }

    /** A version kept before versions recorded their label counts as the highest level. */
    @Test
    void aVersionWithoutARecordedLabelIsJudgedAsTheHighestLevel() {
        FilePath file = FilePath.of("/plain.txt");
        save(file, "first", AMY);
        save(file, "second", AMY);
        String id = versions.list(file, AMY).get(0).id();
        fixture.files.database.jdbc().sql("UPDATE file_version SET label_level = NULL, label_json = NULL")
                .update();

        for (WorkspaceUser user : List.of(AMY, BOB)) {
            assertThat(versions.list(file, user)).as(user.login()).isEmpty();
            assertThat(refusal(() -> versions.download(id, user)).kind()).isEqualTo(RefusedException.Kind.NOT_FOUND);
            assertThat(refusal(() -> versions.restore(id, user)).kind()).isEqualTo(RefusedException.Kind.NOT_FOUND);
        }
    }

    /** A file deleted in the store directly and made anew at its path has none of the old versions. */
    @Test
    void whereTheStoreKeepsIdsANewFileAtAFreedPathDoesNotInheritTheOldFilesVersions() throws IOException {
        stableIds = true;
        FilePath file = FilePath.of("/舊檔.txt");
        save(file, "old one", AMY);
        save(file, "old two", AMY);
        String old = versions.list(file, AMY).get(0).id();

        // Deleted and made anew in the store itself, not through the workspace.
        Files.delete(area.resolve("舊檔.txt"));
        generation.put(file.toString(), 1);
        fixture.store.write(file, new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)), null);

        assertThat(versions.list(file, AMY)).isEmpty();
        for (Executable attempt : List.<Executable>of(() -> versions.download(old, AMY),
                () -> versions.restore(old, AMY))) {
            assertThat(refusal(attempt).kind()).isEqualTo(RefusedException.Kind.NOT_FOUND);
        }
        assertThat(read(file)).isEqualTo("new");
    }

    private void save(FilePath file, String content, WorkspaceUser user) {
        VersionKeepingFileStore.writingAs(user.login(), () -> fixture.uploads.store(file,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), null, user));
    }

    private String read(FilePath file) throws IOException {
        try (InputStream in = fixture.store.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String text(Delivery copy) throws IOException {
        try (copy) {
            return Files.readString(copy.content());
        }
    }

    private static RefusedException refusal(Executable attempt) {
        return (RefusedException) org.junit.jupiter.api.Assertions.assertThrows(RefusedException.class, attempt);
    }
}
