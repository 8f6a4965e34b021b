package org.agencyworkspace.files.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.ShareRequest;
import org.agencyworkspace.files.store.SharingUnavailableException;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharing through the workspace: refused where the level forbids it, every step audited. */
class FileSharingTest {

    final SharingFixture fixture;
    final FileSharing sharing;

    FileSharingTest(@TempDir Path folder) {
        fixture = new SharingFixture(folder);
        sharing = sharing(fixture.files, fixture.store);
    }

    @Test
    void aPublicLinkOrOutsideShareOfASecretFileIsNeverMadeAndTheRefusalIsAudited() {
        StoredFile secret = secretFile("/人事室/名冊.pdf");

        assertThatThrownBy(() -> sharing.create(secret.path(),
                new ShareRequest(FileShare.Type.PUBLIC_LINK, null, null, null), SharingFixture.AMY))
                .isInstanceOfSatisfying(FileSharing.ShareRefusedException.class,
                        refused -> assertThat(refused.notFound()).isFalse())
                .hasMessage("密 files may not have public links");
        assertThatThrownBy(() -> sharing.create(secret.path(), new ShareRequest(
                FileShare.Type.EXTERNAL, "x@example.com", null, null), SharingFixture.AMY))
                .hasMessage("密 files may not be shared outside the agency");
        assertThatThrownBy(() -> sharing.create(secret.path(), new ShareRequest(
                FileShare.Type.USER, "bob", null, null), SharingFixture.AMY))
                .hasMessage("clearance unmarked is below 密 (secret)");

        assertThat(fixture.store.sharesOf(secret.path())).isEmpty();
        assertThat(fixture.files.audit.events()).filteredOn(event ->
                event.action().equals("file.share.created")).hasSize(3)
                .allSatisfy(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
                    assertThat(event.target().classification()).isEqualTo("secret");
                });
    }

    @Test
    void aShareTheLevelAllowsIsMadeChangedAndRemovedAndEachStepAudited() {
        StoredFile secret = secretFile("/人事室/名冊.pdf");

        FileShare made = sharing.create(secret.path(), new ShareRequest(FileShare.Type.USER, "cat",
                null, null), SharingFixture.AMY);
        FileShare changed = sharing.change(secret.path(), made.id(), LocalDate.parse("2026-12-31"),
                "a-long-secret", SharingFixture.AMY);
        assertThat(changed.expires()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(sharing.list(secret.path(), SharingFixture.AMY)).containsExactly(changed);
        sharing.remove(secret.path(), made.id(), SharingFixture.AMY);

        assertThat(fixture.store.sharesOf(secret.path())).isEmpty();
        assertThat(fixture.files.audit.events()).filteredOn(event -> event.action()
                .startsWith("file.share.")).extracting(AuditEvent::action)
                .containsExactly("file.share.created", "file.share.changed", "file.share.deleted");
        AuditEvent change = fixture.files.audit.events().stream()
                .filter(event -> event.action().equals("file.share.changed")).findFirst().orElseThrow();
        assertThat(change.details()).containsEntry("passwordSet", "true")
                .containsEntry("expires", "2026-12-31");
        assertThat(change.details().values()).noneMatch(value -> value.contains("a-long-secret"));
        assertThat(fixture.files.domainEvents.of(FileEvents.Shared.class)).containsExactly(
                new FileEvents.Shared("/人事室/名冊.pdf", "secret", made.id(), "user", "cat"));
    }

    @Test
    void aShareOfAnUnlabelledFolderIsJudgedByEveryLabelledFileBelowIt() {
        // The attack: share the unlabelled parent, and the secret file below goes with it.
        fixture.folder("/案件/2026");
        secretFile("/案件/2026/名冊.pdf");
        StoredFile parent = fixture.store.stat(FilePath.of("/案件")).orElseThrow();

        assertThatThrownBy(() -> sharing.create(parent.path(),
                new ShareRequest(FileShare.Type.PUBLIC_LINK, null, null, null), SharingFixture.AMY))
                .isInstanceOf(FileSharing.ShareRefusedException.class)
                .hasMessageContaining("密 files may not have public links");
        assertThatThrownBy(() -> sharing.create(parent.path(),
                new ShareRequest(FileShare.Type.USER, "bob", null, null), SharingFixture.BOB))
                .hasMessageContaining("clearance unmarked is below 密 (secret)");

        assertThat(fixture.store.sharesOf(parent.path())).isEmpty();
        assertThat(fixture.files.audit.events()).filteredOn(event ->
                event.action().equals("file.share.created")).hasSize(2)
                .allSatisfy(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
                    assertThat(event.target().classification()).isEqualTo("secret");
                });
        assertThat(sharing.create(parent.path(), new ShareRequest(FileShare.Type.USER, "cat", null,
                null), SharingFixture.AMY).sharedWith()).isEqualTo("cat");
    }

    @Test
    void aGroupTheDirectoryDoesNotKnowOrCannotReadGetsNoLabelledContent() {
        StoredFile secret = secretFile("/人事室/名冊.pdf");

        assertThatThrownBy(() -> sharing.create(secret.path(),
                new ShareRequest(FileShare.Type.GROUP, "nobody-knows", null, null), SharingFixture.AMY))
                .isInstanceOf(FileSharing.ShareRefusedException.class)
                .hasMessageContaining("group nobody-knows is not known");
        fixture.failingGroups.add("personnel");
        assertThatThrownBy(() -> sharing.create(secret.path(),
                new ShareRequest(FileShare.Type.GROUP, "personnel", null, null), SharingFixture.AMY))
                .hasMessageContaining("members of group personnel cannot be read");
        assertThat(fixture.store.sharesOf(secret.path())).isEmpty();

        fixture.failingGroups.clear();
        assertThat(sharing.create(secret.path(), new ShareRequest(FileShare.Type.GROUP, "personnel",
                null, null), SharingFixture.AMY).sharedWith()).isEqualTo("personnel");
        assertThat(sharing.create(fixture.file("/公開/a.pdf").path(), new ShareRequest(
                FileShare.Type.GROUP, "nobody-knows", null, null), SharingFixture.AMY))
                .as("ordinary files are not judged").isNotNull();
    }

    @Test
    void anOrdinaryFileMayHaveAPublicLink() {
        StoredFile open = fixture.file("/公開/簡介.pdf");

        FileShare link = sharing.create(open.path(), new ShareRequest(FileShare.Type.PUBLIC_LINK,
                "ignored", null, null), SharingFixture.BOB);

        assertThat(link.type()).isEqualTo(FileShare.Type.PUBLIC_LINK);
        assertThat(link.sharedWith()).isNull();
    }

    @Test
    void someoneWhoMayNotReadTheFileMayNotShareItListItsSharesOrRemoveThem() {
        StoredFile secret = secretFile("/b.pdf");
        FileShare made = sharing.create(secret.path(), new ShareRequest(FileShare.Type.USER, "cat",
                null, null), SharingFixture.AMY);

        assertThatThrownBy(() -> sharing.list(secret.path(), SharingFixture.BOB))
                .isInstanceOf(FileSharing.ShareRefusedException.class);
        assertThatThrownBy(() -> sharing.remove(secret.path(), made.id(), SharingFixture.BOB))
                .isInstanceOf(FileSharing.ShareRefusedException.class);
        assertThat(fixture.store.sharesOf(secret.path())).containsExactly(made);
    }

    @Test
    void missingFilesAndSharesAreNotFound() {
        StoredFile secret = secretFile("/c.pdf");

        assertThatThrownBy(() -> sharing.remove(secret.path(), "nope", SharingFixture.AMY))
                .isInstanceOfSatisfying(FileSharing.ShareRefusedException.class,
                        refused -> assertThat(refused.notFound()).isTrue());
        assertThatThrownBy(() -> sharing.create(FilePath.of("/none.pdf"), new ShareRequest(
                FileShare.Type.USER, "cat", null, null), SharingFixture.AMY))
                .isInstanceOfSatisfying(FileSharing.ShareRefusedException.class,
                        refused -> assertThat(refused.notFound()).isTrue());
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingHappens() {
        assertThatThrownBy(() -> new ShareRequest(FileShare.Type.EXTERNAL, "not-an-address", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareRequest(FileShare.Type.USER, "cat\u0000", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareRequest(FileShare.Type.PUBLIC_LINK, null, null, "short"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ShareRequest(FileShare.Type.PUBLIC_LINK, null, null, "long-enough").toString())
                .doesNotContain("long-enough");
    }

    @Test
    void theEmbeddedFolderSaysPlainlyThatItHasNoSharing(@TempDir Path folder) {
        LocalFileStore local = new LocalFileStore(folder);
        FilesFixture files = new FilesFixture(local);
        StoredFile file = local.write(FilePath.of("/a.pdf"), new ByteArrayInputStream(new byte[] {1}), null);

        assertThatThrownBy(() -> sharing(files, local).create(file.path(), new ShareRequest(
                FileShare.Type.USER, "cat", null, null), SharingFixture.AMY))
                .isInstanceOf(SharingUnavailableException.class)
                .hasMessageContaining("no sharing");
    }

    private FileSharing sharing(FilesFixture files, LocalFileStore store) {
        return new FileSharing(store, files.labels, files.policy, fixture.policy, files.scheme,
                files.audit, files.domainEvents);
    }

    private StoredFile secretFile(String path) {
        StoredFile file = fixture.file(path);
        fixture.files.labels.label(file, SharingFixture.secretLabel(), SharingFixture.AMY);
        return file;
    }
}
