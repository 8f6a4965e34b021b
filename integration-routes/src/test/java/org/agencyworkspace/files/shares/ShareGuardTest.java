package org.agencyworkspace.files.shares;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The share guard over a local folder with shares kept in memory, as a store reports them. */
class ShareGuardTest {

    static final WorkspaceUser AMY = SharingFixture.AMY;

    final SharingFixture sharing;
    final SharingFixture.SharingStore store;
    final RecordingAuditTrail audit;
    final FileLabels labels;
    final List<OutgoingMessage> sent = new ArrayList<>();
    final ShareGuard guard;

    ShareGuardTest(@TempDir Path folder) {
        sharing = new SharingFixture(folder);
        store = sharing.store;
        audit = sharing.files.audit;
        labels = sharing.files.labels;
        guard = new ShareGuard(store, labels, sharing.files.records, sharing.policy,
                sharing.files.scheme, audit, message -> {
                    sent.add(message);
                    return "message-" + sent.size();
                });
    }

    @Test
    void forbiddenSharesOfLabelledFilesAreRemovedTheOwnerToldAndAllAudited() {
        StoredFile secret = sharing.file("/人事室/名冊.pdf");
        labels.label(secret, SharingFixture.secretLabel(), AMY);
        store.share(secret, new FileShare("1", FileShare.Type.PUBLIC_LINK, null, "amy", null));
        store.share(secret, new FileShare("2", FileShare.Type.EXTERNAL, "x@example.com", "amy", null));
        store.share(secret, new FileShare("3", FileShare.Type.USER, "cat", "amy", null));
        store.share(secret, new FileShare("4", FileShare.Type.USER, "bob", "amy", null));
        store.share(secret, new FileShare("5", FileShare.Type.USER, "zed", "amy", null));
        StoredFile open = sharing.file("/公開/簡介.pdf");
        store.share(open, new FileShare("6", FileShare.Type.PUBLIC_LINK, null, "amy", null));

        ShareGuard.ScanResult result = guard.scan();

        assertThat(result.revoked()).isEqualTo(4);
        assertThat(store.sharesOf(secret.path())).extracting(FileShare::id).containsExactly("3");
        assertThat(store.sharesOf(open.path())).extracting(FileShare::id).containsExactly("6");
        List<AuditEvent> revoked = audit.events().stream()
                .filter(event -> event.action().equals("file.share.revoked")).toList();
        assertThat(revoked).extracting(AuditEvent::reason).containsExactlyInAnyOrder(
                "密 files may not have public links",
                "密 files may not be shared outside the agency",
                "clearance unmarked is below 密 (secret)",
                "zed is not a known member of staff");
        assertThat(revoked).allSatisfy(event ->
                assertThat(event.target().classification()).isEqualTo("secret"));
        assertThat(sent).hasSize(4).allSatisfy(message -> {
            assertThat(message.templateKey()).isEqualTo("file.share-revoked");
            assertThat(message.parameters()).containsEntry("file", "/人事室/名冊.pdf");
        });

        assertThat(guard.scan().revoked()).as("a second scan finds nothing left").isZero();
    }

    @Test
    void filesBelowALabelledFolderAreGuardedAndAGroupWithAnUnclearedMemberLosesItsShare() {
        StoredFile folder = sharing.folder("/人事室");
        labels.label(folder, SharingFixture.secretLabel(), AMY);
        StoredFile inside = sharing.file("/人事室/2026/考績.docx");
        store.share(inside, new FileShare("7", FileShare.Type.GROUP, "it", "cat", null));
        store.share(folder, new FileShare("8", FileShare.Type.PUBLIC_LINK, null, "cat", null));

        assertThat(guard.scan().revoked()).isEqualTo(2);
        assertThat(audit.events().stream().filter(event -> event.action().equals("file.share.revoked"))
                .map(AuditEvent::reason)).contains("group it has a member who may not read it: "
                        + "clearance unmarked is below 密 (secret)");
    }

    @Test
    void sharesOnUnlabelledFoldersAboveALabelledFileAreGuardedToo() {
        StoredFile parent = sharing.folder("/案件/2026");
        StoredFile top = store.stat(FilePath.of("/案件")).orElseThrow();
        StoredFile secret = sharing.file("/案件/2026/名冊.pdf");
        labels.label(secret, SharingFixture.secretLabel(), AMY);
        store.share(parent, new FileShare("11", FileShare.Type.PUBLIC_LINK, null, "bob", null));
        store.share(top, new FileShare("12", FileShare.Type.USER, "bob", "bob", null));
        store.share(top, new FileShare("13", FileShare.Type.GROUP, "ghosts", "bob", null));
        store.share(top, new FileShare("14", FileShare.Type.USER, "cat", "bob", null));

        assertThat(guard.scan().revoked()).isEqualTo(3);

        assertThat(store.sharesOf(parent.path())).isEmpty();
        assertThat(store.sharesOf(top.path())).extracting(FileShare::id).containsExactly("14");
        assertThat(audit.events()).filteredOn(event -> event.action().equals("file.share.revoked"))
                .extracting(AuditEvent::reason).contains("group ghosts is not known to the staff directory");
    }

    @Test
    void oneFileCheckedWhenItsLabelChanges() {
        StoredFile file = sharing.file("/a.pdf");
        store.share(file, new FileShare("9", FileShare.Type.PUBLIC_LINK, null, "amy", null));
        assertThat(guard.guard("/a.pdf")).isZero();

        labels.label(file, SharingFixture.secretLabel(), AMY);

        assertThat(guard.guard("/a.pdf")).isEqualTo(1);
        assertThat(store.sharesOf(file.path())).isEmpty();
    }
}
