package org.agencyworkspace.files.shares;

import static org.agencyworkspace.files.manage.FileOperationsFixture.AMY;
import static org.agencyworkspace.files.manage.FileOperationsFixture.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.files.manage.FileOperations;
import org.agencyworkspace.files.manage.FileOperationsFixture;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with a public link: a 密 file may not arrive in it (nor in a folder below it) by a
 * move, copy, upload or restore, since it would be reachable through the link until the share
 * guard's next scan. Each refusal is a 403, audited, and nothing arrives.
 */
class SharedFolderArrivalsTest {

    final SharingFixture.SharingStore store;
    final FileOperationsFixture fixture;
    final FileOperations operations;
    final FilePath open = FilePath.of("/公開");

    SharedFolderArrivalsTest(@TempDir Path folder) {
        store = new SharingFixture.SharingStore(folder);
        fixture = new FileOperationsFixture(store);
        operations = fixture.operations;
        operations.createFolder(FilePath.root(), "公開", ROOT);
        operations.createFolder(open, "子", ROOT);
        store.share(store.stat(open).orElseThrow(),
                new FileShare("link-1", FileShare.Type.PUBLIC_LINK, null, "root", null));
    }

    @Test
    void aSecretFileNeverArrivesInAFolderWithAPublicLink() {
        FilePath secret = FilePath.of("/人事室/名冊.txt");
        fixture.upload(secret, "secret", AMY);
        fixture.upload(FilePath.of("/人事室/內/另一份.txt"), "secret", AMY);
        FilePath plain = FilePath.of("/人事室/公告.txt");
        fixture.upload(plain, null, AMY);
        FileOperations.Trashed trashed = operations.delete(
                fixture.upload(open.resolve("子").resolve("舊名冊.txt"), null, AMY).path(), null, AMY);
        fixture.files.labels.label(store.stat(FileOperations.TRASH.resolve(trashed.id()).resolve("舊名冊.txt"))
                .orElseThrow(), secretLabel(), AMY);

        List<Executable> arrivals = List.of(
                () -> operations.move(secret, open, AMY),
                () -> operations.move(secret, open.resolve("子"), AMY),
                () -> operations.copy(secret, open, AMY),
                () -> operations.move(FilePath.of("/人事室/內"), open, ROOT),
                () -> fixture.upload(open.resolve("新名冊.txt"), "secret", AMY),
                () -> operations.restore(trashed.id(), AMY));
        for (Executable arrival : arrivals) {
            int before = fixture.files.audit.events().size();
            RefusedException refused = (RefusedException) org.junit.jupiter.api.Assertions
                    .assertThrows(RefusedException.class, arrival);
            assertThat(refused.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN);
            assertThat(refused.getMessage()).contains("/公開 is shared in a way");
            assertThat(fixture.files.audit.events().subList(before, fixture.files.audit.events().size()))
                    .anySatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
        }
        assertThat(store.list(open)).extracting(file -> file.path().name()).containsExactly("子");
        assertThat(store.list(open.resolve("子"))).isEmpty();
        assertThat(fixture.store.stat(secret)).isPresent();
        assertThat(store.sharesOf(open)).hasSize(1);

        // What the link may reach still arrives.
        operations.move(plain, open, AMY);
        assertThat(store.stat(open.resolve("公告.txt"))).isPresent();
        fixture.uploads.store(open.resolve("說明.txt"), new ByteArrayInputStream(new byte[] {1}), null, AMY);
        assertThat(store.stat(open.resolve("說明.txt"))).isPresent();
    }

    private static LabelRequest secretLabel() {
        return new LabelRequest("secret", "人事資料", null, null, "公布後解密", false, null, null);
    }
}
