package org.agencyworkspace.files.manage;

import static org.agencyworkspace.files.manage.FileOperationsFixture.AMY;
import static org.agencyworkspace.files.manage.FileOperationsFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.UUID;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.nextcloud.WriteCondition;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.store.NextcloudFileStore;
import org.agencyworkspace.files.web.FileEntry;
import org.agencyworkspace.platform.RefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Organising files against the real WebDAV server of deploy/local (Apache laid out as Nextcloud,
 * whose ids follow paths like the local folder's): a 密 file copied or moved, alone or in its
 * folder, into an unmarked folder stays 密; the trash hides and gives back; someone below the
 * level finds nothing and is refused every change.
 */
class FileOperationsWebDavIT {

    private final NextcloudConnector nextcloud = NextcloudConnector.builder()
            .davUrl(URI.create(org.agencyworkspace.testsupport.StackEnvironment.require("WORKSPACE_WEBDAV_URL")))
            .credentials(org.agencyworkspace.testsupport.StackEnvironment.require("WORKSPACE_WEBDAV_USER"),
                    org.agencyworkspace.testsupport.StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD"))
            .plainUploadOnly()
            .build();
    private final FileOperationsFixture fixture = webDavFixture(new NextcloudFileStore(nextcloud));
    private final FileOperations operations = fixture.operations;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final FilePath top = FilePath.of("/it-ops-" + run + " 人事室");
    private final FilePath open = FilePath.of("/it-ops-" + run + " 公開");

    @AfterEach
    void removeFolders() {
        try (nextcloud) {
            nextcloud.files().delete(top, WriteCondition.none());
            nextcloud.files().delete(open, WriteCondition.none());
            // The trash entries this run made.
            for (FileOperations.Trashed trashed : operations.trash(FileOperationsFixture.ROOT)) {
                nextcloud.files().delete(FileOperations.TRASH.resolve(trashed.id()), WriteCondition.none());
            }
        }
    }

    @Test
    void labelsSurviveCopiesAndMovesOfFilesAndFoldersOnRealWebDav() {
        FilePath secret = top.resolve("名冊 " + run + ".txt");
        fixture.upload(secret, "secret", AMY);
        fixture.upload(top.resolve("內").resolve("附件.txt"), "secret", AMY);
        operations.createFolder(FilePath.root(), open.name(), AMY);

        operations.copy(secret, open, AMY);
        assertThat(fixture.levelAt(open.resolve(secret.name()))).isEqualTo("secret");

        // A folder made on the way by an upload has no owner: an administrator moves it.
        operations.move(top.resolve("內"), open, FileOperationsFixture.ROOT);
        assertThat(fixture.levelAt(open.resolve("內").resolve("附件.txt"))).isEqualTo("secret");
        assertThat(fixture.store.stat(top.resolve("內"))).isEmpty();

        operations.rename(open.resolve(secret.name()), "改名 " + run + ".txt", AMY);
        assertThat(fixture.levelAt(open.resolve("改名 " + run + ".txt"))).isEqualTo("secret");
        assertThat(fixture.levelAt(open)).isEqualTo("unmarked");
    }

    @Test
    void theTrashHidesAndGivesBackAndSomeoneBelowTheLevelFindsNothing() {
        String name = "薪資 " + run;
        FilePath secret = top.resolve(name + ".txt");
        fixture.upload(secret, "secret", AMY);

        assertThat(fixture.browser.search(name, null, BOB)).isEmpty();
        assertThat(fixture.browser.search(name, "secret", AMY)).extracting(FileEntry::path)
                .contains(secret.toString());
        RefusedException refused = assertThrows(RefusedException.class,
                () -> operations.delete(secret, "不要了", BOB));
        assertThat(refused.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN);
        assertThat(assertThrows(RefusedException.class, () -> operations.copy(secret, top, BOB)).kind())
                .isEqualTo(RefusedException.Kind.FORBIDDEN);

        FileOperations.Trashed trashed = operations.delete(secret, "整理", AMY);
        assertThat(fixture.store.stat(secret)).isEmpty();
        assertThat(fixture.browser.list(FilePath.root(), AMY)).extracting(FileEntry::path)
                .doesNotContain(FileOperations.TRASH.toString());
        assertThat(fixture.browser.search(name, null, AMY)).isEmpty();

        operations.restore(trashed.id(), AMY);

        assertThat(fixture.levelAt(secret)).isEqualTo("secret");
        assertThat(fixture.browser.search(name, null, AMY)).extracting(FileEntry::path)
                .containsExactly(secret.toString());
    }

    /** Apache's WebDAV has no sharing API: nothing above a landing place can be shared. */
    private static FileOperationsFixture webDavFixture(NextcloudFileStore store) {
        return new FileOperationsFixture(store, new FilesFixture(store), false);
    }
}
