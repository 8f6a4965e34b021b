package org.agencyworkspace.files.manage;

import static org.agencyworkspace.files.manage.FileOperationsFixture.AMY;
import static org.agencyworkspace.files.manage.FileOperationsFixture.BOB;
import static org.agencyworkspace.files.manage.FileOperationsFixture.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.web.FileEntry;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organising files on the local folder (whose ids follow paths, as plain WebDAV's do, so every
 * move must take labels along): labels never drop on a move or copy, the trash keeps and gives
 * back, and a person below a file's level can neither find nor touch it.
 */
class FileOperationsTest {

    final FileOperationsFixture fixture;
    final FileOperations operations;

    FileOperationsTest(@TempDir Path folder) {
        fixture = new FileOperationsFixture(new LocalFileStore(folder));
        operations = fixture.operations;
    }

    @Test
    void aSecretFileCopiedIntoAnUnmarkedFolderStaysSecret() {
        FilePath source = FilePath.of("/人事室/名冊.txt");
        fixture.upload(source, "secret", AMY);
        operations.createFolder(FilePath.root(), "公開", AMY);

        operations.copy(source, FilePath.of("/公開"), AMY);

        assertThat(fixture.levelAt(FilePath.of("/公開/名冊.txt"))).isEqualTo("secret");
        assertThat(fixture.levelAt(FilePath.of("/公開"))).isEqualTo("unmarked");
        assertThat(fixture.files.domainEvents.of(FileEvents.Copied.class)).singleElement()
                .satisfies(copied -> assertThat(copied.level()).isEqualTo("secret"));
    }

    @Test
    void aFileThatOnlyInheritedSecretKeepsItWhenMovedOut() {
        FilePath folder = FilePath.of("/人事室");
        fixture.upload(folder.resolve("placeholder.txt"), null, AMY);
        fixture.files.labels.label(fixture.store.stat(folder).orElseThrow(),
                new LabelRequest("secret", "人事資料", null, null, "公布後解密", false, null, null), AMY);
        FilePath file = folder.resolve("薪資.txt");
        fixture.upload(file, null, AMY);
        // Simulate a file that has no label of its own, only its folder's.
        fixture.files.database.jdbc().sql("DELETE FROM file_label WHERE path = :path")
                .param("path", file.toString()).update();
        assertThat(fixture.levelAt(file)).isEqualTo("secret");
        operations.createFolder(FilePath.root(), "公開", AMY);

        operations.move(file, FilePath.of("/公開"), AMY);

        assertThat(fixture.store.stat(file)).isEmpty();
        assertThat(fixture.levelAt(FilePath.of("/公開/薪資.txt"))).isEqualTo("secret");
    }

    @Test
    void aMovedFolderTakesTheLabelsInsideItAlongAndRenamingKeepsThem() {
        fixture.upload(FilePath.of("/a/內/密件.txt"), "secret", AMY);
        fixture.upload(FilePath.of("/a/內/普通.txt"), null, AMY);
        operations.createFolder(FilePath.root(), "b", ROOT);

        operations.move(FilePath.of("/a/內"), FilePath.of("/b"), ROOT);
        operations.rename(FilePath.of("/b/內/密件.txt"), "改名.txt", AMY);

        assertThat(fixture.levelAt(FilePath.of("/b/內/改名.txt"))).isEqualTo("secret");
        assertThat(fixture.levelAt(FilePath.of("/b/內/普通.txt"))).isEqualTo("unmarked");
        // The owner went along: Amy may still rename what she stored.
        operations.rename(FilePath.of("/b/內/普通.txt"), "還是我的.txt", AMY);
        assertThat(fixture.files.audit.actions()).contains("file.move", "file.rename");
        assertThat(fixture.files.domainEvents.of(FileEvents.Moved.class)).hasSize(3);
    }

    @Test
    void deletingALabelledFileNeedsAReasonAndTheTrashGivesItBack() {
        FilePath file = FilePath.of("/人事室/名冊.txt");
        fixture.upload(file, "secret", AMY);

        RefusedException noReason = refusal(() -> operations.delete(file, " ", AMY));
        assertThat(noReason.kind()).isEqualTo(RefusedException.Kind.INVALID);
        assertThat(fixture.store.stat(file)).isPresent();
        assertThat(lastFailure("file.delete")).contains("needs a reason");

        FileOperations.Trashed trashed = operations.delete(file, "重複的檔案", AMY);

        assertThat(fixture.store.stat(file)).isEmpty();
        assertThat(fixture.browser.list(FilePath.root(), AMY)).extracting(FileEntry::name)
                .containsExactly("人事室");
        assertThat(operations.trash(AMY)).extracting(FileOperations.Trashed::id).containsExactly(trashed.id());
        assertThat(operations.trash(BOB)).isEmpty();
        AuditEvent deleted = fixture.files.audit.events().stream()
                .filter(event -> event.action().equals("file.delete") && event.outcome() == AuditEvent.Outcome.SUCCESS)
                .findFirst().orElseThrow();
        assertThat(deleted.reason()).isEqualTo("重複的檔案");
        assertThat(fixture.files.domainEvents.of(FileEvents.Deleted.class)).singleElement()
                .satisfies(event -> assertThat(event.level()).isEqualTo("secret"));

        operations.restore(trashed.id(), AMY);

        assertThat(fixture.levelAt(file)).isEqualTo("secret");
        assertThat(operations.trash(AMY)).isEmpty();
        assertThat(refusal(() -> operations.restore(trashed.id(), AMY)).kind())
                .isEqualTo(RefusedException.Kind.NOT_FOUND);
        assertThat(fixture.files.domainEvents.of(FileEvents.Restored.class)).hasSize(1);
    }

    @Test
    void restoringOntoSomethingNewIsRefusedAndChangesNothing() {
        FilePath file = FilePath.of("/報告.txt");
        fixture.upload(file, null, AMY);
        FileOperations.Trashed trashed = operations.delete(file, null, AMY);
        fixture.upload(file, null, AMY);

        assertThat(refusal(() -> operations.restore(trashed.id(), AMY)).kind())
                .isEqualTo(RefusedException.Kind.CONFLICT);
        assertThat(operations.trash(AMY)).hasSize(1);
    }

    @Test
    void someoneBelowAFilesLevelNeitherFindsNorTouchesIt() {
        FilePath secret = FilePath.of("/共用/名冊.txt");
        fixture.upload(secret, "secret", AMY);
        fixture.upload(FilePath.of("/共用/名冊-公開版.txt"), null, BOB);
        operations.createFolder(FilePath.root(), "bob", BOB);

        assertThat(fixture.browser.search("名冊", null, BOB)).extracting(FileEntry::name)
                .containsExactly("名冊-公開版.txt");
        assertThat(fixture.browser.search("", "secret", BOB)).isEmpty();
        assertThat(fixture.browser.search("名冊", "secret", AMY)).extracting(FileEntry::path)
                .containsExactly(secret.toString());

        List<Executable> attempts = List.of(
                () -> operations.rename(secret, "x.txt", BOB),
                () -> operations.move(secret, FilePath.of("/bob"), BOB),
                () -> operations.copy(secret, FilePath.of("/bob"), BOB),
                () -> operations.delete(secret, "不要了", BOB),
                () -> operations.move(FilePath.of("/共用"), FilePath.of("/bob"), BOB));
        for (Executable attempt : attempts) {
            int before = fixture.files.audit.events().size();
            assertThat(refusal(attempt).kind()).isIn(RefusedException.Kind.FORBIDDEN,
                    RefusedException.Kind.NOT_FOUND);
            assertThat(fixture.files.audit.events().subList(before, fixture.files.audit.events().size()))
                    .anySatisfy(event -> {
                        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
                        assertThat(event.actor().id()).isEqualTo("bob");
                    });
        }
        assertThat(fixture.store.stat(secret)).isPresent();
        assertThat(fixture.store.list(FilePath.of("/bob"))).isEmpty();

        FileOperations.Trashed trashed = operations.delete(secret, "整理", AMY);
        assertThat(refusal(() -> operations.restore(trashed.id(), BOB)).kind())
                .isEqualTo(RefusedException.Kind.NOT_FOUND);
        WorkspaceUser unclearedAdmin = new WorkspaceUser("ops", "Ops", List.of("admin"), List.of(), "unmarked");
        assertThat(operations.trash(unclearedAdmin)).isEmpty();
        assertThat(refusal(() -> operations.restore(trashed.id(), unclearedAdmin)).kind())
                .isEqualTo(RefusedException.Kind.FORBIDDEN);
        assertThat(fixture.store.stat(secret)).isEmpty();
    }

    @Test
    void aMoveWhoseNewPathsWouldBeTooLongIsRefusedBeforeAnythingMoves() {
        FilePath secret = FilePath.of("/機密區/plan.txt");
        fixture.upload(secret, "secret", AMY);
        FilePath deep = FilePath.root();
        for (int level = 0; level < 4; level++) {
            String name = level + "x".repeat(239);
            operations.createFolder(deep, name, AMY);
            deep = deep.resolve(name);
        }
        String longName = "p".repeat(60) + ".txt";
        operations.rename(secret, longName, AMY);
        FilePath renamed = FilePath.of("/機密區/" + longName);
        int before = fixture.files.audit.events().size();

        FilePath into = deep;
        assertThat(refusal(() -> operations.move(renamed, into, AMY)).kind())
                .isEqualTo(RefusedException.Kind.BAD_REQUEST);
        // The folder itself fits there; the file inside it would not.
        assertThat(refusal(() -> operations.move(FilePath.of("/機密區"), into, ROOT)).kind())
                .isEqualTo(RefusedException.Kind.BAD_REQUEST);

        assertThat(fixture.store.list(deep)).isEmpty();
        assertThat(fixture.levelAt(renamed)).isEqualTo("secret");
        assertThat(fixture.files.audit.events().subList(before, fixture.files.audit.events().size()))
                .hasSize(2).allSatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
    }

    @Test
    void aRefusalOverSomethingHiddenInsideNeverNamesItAndTheStoresOwnNamesCannotBeUploaded() {
        operations.createFolder(FilePath.root(), "bob", BOB);
        fixture.upload(FilePath.of("/bob/專案/人事密件.txt"), "secret", AMY);

        RefusedException refused = refusal(() -> operations.delete(FilePath.of("/bob"), "整理", BOB));
        assertThat(refused.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN);
        assertThat(refused.getMessage()).doesNotContain("人事密件").doesNotContain("專案");
        assertThat(fixture.store.stat(FilePath.of("/bob/專案/人事密件.txt"))).isPresent();

        for (String planted : List.of("/.trash", "/.trash/x/a.txt", "/bob/.aw-upload-1.part")) {
            assertThatThrownBy(() -> fixture.upload(FilePath.of(planted), null, BOB))
                    .as(planted).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(fixture.store.stat(FileOperations.TRASH)).isEmpty();
    }

    @Test
    void onlyTheOwnerAGrantHolderOrAnAdministratorRenamesAndNamesAreChecked() {
        FilePath file = FilePath.of("/共用/amy.txt");
        fixture.upload(file, null, AMY);

        RefusedException notOwner = refusal(() -> operations.rename(file, "bob.txt", BOB));
        assertThat(notOwner.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN);
        assertThat(notOwner.getMessage()).contains("only its owner (amy)");
        for (String bad : List.of("", "a/b", ".trash", "x".repeat(256))) {
            assertThat(refusal(() -> operations.rename(file, bad, AMY)).kind())
                    .isEqualTo(RefusedException.Kind.BAD_REQUEST);
        }
        assertThat(refusal(() -> operations.move(FilePath.of("/共用"), FilePath.of("/共用/amy.txt"), ROOT))
                .kind()).isIn(RefusedException.Kind.BAD_REQUEST);
        assertThat(refusal(() -> operations.createFolder(FilePath.root(), "共用", AMY)).kind())
                .isEqualTo(RefusedException.Kind.CONFLICT);
        assertThat(refusal(() -> operations.move(file, FileOperations.TRASH, AMY)).kind())
                .isEqualTo(RefusedException.Kind.BAD_REQUEST);

        operations.rename(file, "改名.txt", ROOT);
        assertThat(fixture.store.stat(FilePath.of("/共用/改名.txt"))).isPresent();
    }

    private RefusedException refusal(Executable attempt) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(RefusedException.class, attempt);
        return (RefusedException) thrown;
    }

    private String lastFailure(String action) {
        return fixture.files.audit.events().stream()
                .filter(event -> event.action().equals(action) && event.outcome() == AuditEvent.Outcome.FAILURE)
                .reduce((first, second) -> second).orElseThrow().reason();
    }
}
