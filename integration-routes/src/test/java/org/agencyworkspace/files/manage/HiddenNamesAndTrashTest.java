package org.agencyworkspace.files.manage;

import static org.agencyworkspace.files.manage.FileOperationsFixture.AMY;
import static org.agencyworkspace.files.manage.FileOperationsFixture.BOB;
import static org.agencyworkspace.files.manage.FileOperationsFixture.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.access.Placements;
import org.agencyworkspace.files.delivery.CopyMarker;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.files.delivery.DeliveryRefusedException;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.files.labels.LabelAccessDeniedException;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.security.Authorities;
import org.agencyworkspace.security.WorkspacePrincipal;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.ResponseStatusException;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * What the attacker's review of the file actions found: a refusal for a taken name must not tell
 * a name hidden from the person from one they see; a folder is moved or deleted only when every
 * item in it may be changed, and then whole; a trashed file is reachable only through the trash.
 */
class HiddenNamesAndTrashTest {

    final FileOperationsFixture fixture;
    final FileOperations operations;

    HiddenNamesAndTrashTest(@TempDir Path folder) {
        fixture = new FileOperationsFixture(new LocalFileStore(folder));
        operations = fixture.operations;
    }

    @Test
    void aNameHiddenFromThePersonIsRefusedInTheSameWordsAsOneTheySeeAndAuditedWithTheRealOne() {
        FilePath shared = FilePath.of("/共用");
        operations.createFolder(FilePath.root(), "共用", ROOT);
        fixture.upload(shared.resolve("密件.txt"), "secret", AMY);
        fixture.upload(shared.resolve("公開.txt"), null, AMY);
        fixture.upload(shared.resolve("草稿.txt"), null, BOB);
        fixture.upload(FilePath.of("/bob/密件.txt"), null, BOB);
        fixture.upload(FilePath.of("/bob/公開.txt"), null, BOB);

        // Each action is tried onto a hidden name and onto a visible one: same kind, same words.
        List<Function<String, Executable>> actions = List.of(
                name -> () -> operations.createFolder(shared, name, BOB),
                name -> () -> operations.rename(shared.resolve("草稿.txt"), name, BOB),
                name -> () -> operations.copy(FilePath.of("/bob").resolve(name), shared, BOB),
                name -> () -> operations.move(FilePath.of("/bob").resolve(name), shared, BOB));
        for (Function<String, Executable> action : actions) {
            RefusedException hidden = refusal(action.apply("密件.txt"));
            RefusedException seen = refusal(action.apply("公開.txt"));
            assertThat(hidden.kind()).isEqualTo(RefusedException.Kind.CONFLICT).isEqualTo(seen.kind());
            assertThat(hidden.problems()).containsExactly(Placements.nameTaken(shared.resolve("密件.txt")));
            assertThat(seen.problems()).containsExactly(Placements.nameTaken(shared.resolve("公開.txt")));
        }

        // An upload onto a hidden file reads as one onto a file Bob sees but may not replace.
        LabelOrPlacement hiddenUpload = uploadRefusal(shared.resolve("密件.txt"));
        LabelOrPlacement seenUpload = uploadRefusal(shared.resolve("公開.txt"));
        assertThat(hiddenUpload.type()).isEqualTo(seenUpload.type());
        assertThat(hiddenUpload.message().replace("密件", "公開")).isEqualTo(seenUpload.message());

        List<AuditEvent> collisions = fixture.files.audit.events().stream()
                .filter(event -> event.details().containsKey("collision")).toList();
        assertThat(collisions).anySatisfy(event -> {
            assertThat(event.actor().id()).isEqualTo("bob");
            assertThat(event.target().id()).isEqualTo("/共用/密件.txt");
            assertThat(event.target().classification()).isEqualTo("secret");
            assertThat(event.details()).containsEntry("occupant", "hidden");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        });
        assertThat(collisions).anySatisfy(event -> assertThat(event.details())
                .containsEntry("occupant", "visible").containsEntry("collision", "/共用/公開.txt"));
        assertThat(fixture.levelAt(shared.resolve("密件.txt"))).isEqualTo("secret");
    }

    @Test
    void aFolderWithSomeoneElsesFileInsideIsNeitherDeletedNorMovedAndNothingMoves() {
        operations.createFolder(FilePath.root(), "bob", BOB);
        operations.createFolder(FilePath.root(), "elsewhere", BOB);
        fixture.upload(FilePath.of("/bob/mine.txt"), null, BOB);
        // Amy's file, in Bob's folder: Bob may read it, not change it.
        fixture.upload(FilePath.of("/bob/amys.txt"), null, AMY);

        RefusedException delete = refusal(() -> operations.delete(FilePath.of("/bob"), "clean up", BOB));
        RefusedException move = refusal(() -> operations.move(FilePath.of("/bob"), FilePath.of("/elsewhere"), BOB));

        assertThat(delete.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN);
        assertThat(move.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN);
        assertThat(delete.problems().get(0)).contains("/bob/amys.txt");
        assertThat(fixture.store.list(FilePath.of("/bob"))).hasSize(2);
        assertThat(fixture.store.list(FilePath.of("/elsewhere"))).isEmpty();
        assertThat(operations.trash(BOB)).isEmpty();
        assertThat(fixture.files.audit.events()).filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE
                && event.actor().id().equals("bob")).extracting(AuditEvent::action)
                .contains("file.delete", "file.move");
        // Whoever may change every item may delete the whole folder.
        operations.delete(FilePath.of("/bob"), null, ROOT);
        assertThat(fixture.store.stat(FilePath.of("/bob"))).isEmpty();
    }

    @Test
    void aTrashedFileIsNotReachableByItsTrashPathButComesBackThroughRestore() throws Exception {
        FilePath file = FilePath.of("/報告.txt");
        fixture.upload(file, null, AMY);
        FileOperations.Trashed trashed = operations.delete(file, null, AMY);
        FilePath inTrash = FileOperations.TRASH.resolve(trashed.id()).resolve("報告.txt");
        assertThat(fixture.store.stat(inTrash)).as("the bytes wait in the trash").isPresent();

        FileDelivery delivery = delivery(fixture.files, fixture.store);
        for (DeliveryKind kind : List.of(DeliveryKind.DOWNLOAD, DeliveryKind.PREVIEW, DeliveryKind.THUMBNAIL)) {
            assertThatThrownBy(() -> delivery.check(inTrash, AMY, kind)).as(kind.name())
                    .isInstanceOfSatisfying(DeliveryRefusedException.class, refused ->
                            assertThat(refused.reason()).isEqualTo(DeliveryRefusedException.Reason.NOT_FOUND));
        }
        assertThatThrownBy(() -> delivery.checkBundle(FileOperations.TRASH.resolve(trashed.id()), AMY))
                .isInstanceOf(DeliveryRefusedException.class);
        org.agencyworkspace.files.shares.FileSharing sharing = new org.agencyworkspace.files.shares.FileSharing(
                fixture.store, fixture.files.labels, fixture.files.policy,
                new org.agencyworkspace.files.shares.SharePolicy(fixture.files.policy, null),
                fixture.files.scheme, fixture.files.audit, fixture.files.domainEvents);
        assertThatThrownBy(() -> sharing.list(inTrash, AMY))
                .isInstanceOfSatisfying(org.agencyworkspace.files.shares.FileSharing.ShareRefusedException.class,
                        refused -> assertThat(refused.notFound()).isTrue());
        assertThat(fixture.browser.find(inTrash, AMY)).isEmpty();

        operations.restore(trashed.id(), AMY);
        assertThat(delivery.check(file, AMY, DeliveryKind.DOWNLOAD).file().path()).isEqualTo(file);
    }

    /**
     * Trashed items, and copies set aside in the trash with no trash record, stay out of a bundle
     * of the folders above them; a refusal does not count or name them either.
     */
    @Test
    void aBundleLeavesTrashedFilesOutAndItsRefusalNamesNoneOfThem() {
        fixture.upload(FilePath.of("/kept.txt"), null, AMY);
        fixture.upload(FilePath.of("/人事.txt"), "secret", AMY);
        operations.delete(FilePath.of("/人事.txt"), "superseded", AMY);
        fixture.upload(FilePath.of("/old.txt"), null, AMY);
        operations.delete(FilePath.of("/old.txt"), null, AMY);
        FilePath aside = FileOperations.TRASH.resolve("set-aside").resolve("copy.txt");
        fixture.store.write(aside, new ByteArrayInputStream("aside".getBytes(StandardCharsets.UTF_8)), null);
        FileDelivery delivery = delivery(fixture.files, fixture.store);

        for (WorkspaceUser user : List.of(AMY, BOB)) {
            assertThat(delivery.checkBundle(FilePath.root(), user).files()).as(user.login())
                    .extracting(check -> check.file().path().toString()).containsExactly("/kept.txt");
        }
        fixture.upload(FilePath.of("/人事室.txt"), "secret", AMY);
        assertThatThrownBy(() -> delivery.checkBundle(FilePath.root(), BOB))
                .isInstanceOfSatisfying(DeliveryRefusedException.class, refused -> assertThat(refused.getMessage())
                        .contains("1 of the 2 files").doesNotContain("人事.txt", "old.txt", "copy.txt"));
    }

    /** Labelling, from the API and the page, finds nothing in the trash. */
    @Test
    void aTrashedItemCannotBeRelabelled() {
        FilePath file = FilePath.of("/報告.txt");
        fixture.upload(file, null, AMY);
        FileOperations.Trashed trashed = operations.delete(file, null, AMY);
        FilePath inTrash = FileOperations.TRASH.resolve(trashed.id()).resolve("報告.txt");
        assertThat(fixture.store.find(inTrash)).isEmpty();
        assertThat(fixture.store.find(FileOperations.TRASH)).isEmpty();

        org.agencyworkspace.files.web.FilesApi api = new org.agencyworkspace.files.web.FilesApi(
                fixture.browser, fixture.store, fixture.files.labels, fixture.uploads, fixture.files.scheme);
        WorkspacePrincipal principal = () -> AMY;
        TestingAuthenticationToken token = new TestingAuthenticationToken(principal, null, Authorities.WORKSPACE_USER);
        token.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(token);
        try {
            assertThatThrownBy(() -> api.label(inTrash.toString(), new LabelRequest("secret", "人事資料", null,
                    null, "公布後解密", false, null, null)))
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            refused -> assertThat(refused.getStatusCode().value()).isEqualTo(404));
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(fixture.files.labels.effective(fixture.store.stat(inTrash).orElseThrow()).label()).isNull();
    }

    static FileDelivery delivery(FilesFixture files, org.agencyworkspace.files.store.FileStore store) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        return new FileDelivery(store, files.labels, files.policy, files.scheme,
                beans.getBeanProvider(CopyMarker.class), new CopyRegister(files.database.jdbc(), files.clock),
                files.audit, files.domainEvents, files.clock, FilesFixture.properties(200), () -> { });
    }

    private record LabelOrPlacement(Class<?> type, String message) {
    }

    private LabelOrPlacement uploadRefusal(FilePath path) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> fixture.uploads.store(path, new ByteArrayInputStream("bob's".getBytes(StandardCharsets.UTF_8)),
                        null, BOB));
        assertThat(thrown).isInstanceOfAny(LabelAccessDeniedException.class, RefusedException.class);
        String message = thrown instanceof RefusedException refused ? String.join("; ", refused.problems())
                : thrown.getMessage();
        return new LabelOrPlacement(thrown.getClass(), message);
    }

    private static RefusedException refusal(Executable attempt) {
        return (RefusedException) org.junit.jupiter.api.Assertions.assertThrows(RefusedException.class, attempt);
    }

}
