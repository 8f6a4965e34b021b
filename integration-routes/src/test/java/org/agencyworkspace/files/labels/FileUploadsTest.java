package org.agencyworkspace.files.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.classification.LabelRejectedException;
import org.agencyworkspace.files.store.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUploadsTest {

    static final WorkspaceUser AMY = new WorkspaceUser("amy", "Amy", List.of("staff"),
            List.of("it"), "absolutely-secret");
    static final WorkspaceUser BOB = new WorkspaceUser("bob", "Bob", List.of("staff"),
            List.of("it"), "unmarked");

    final LocalFileStore store;
    final FilesFixture files;
    final FileLabels labels;
    final RecordingAuditTrail audit;
    final FileUploads uploads;

    FileUploadsTest(@TempDir Path folder) {
        store = new LocalFileStore(folder);
        files = new FilesFixture(store);
        labels = files.labels;
        audit = files.audit;
        uploads = new FileUploads(store, labels, files.scheme, files.policy, audit);
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
        assertThat(audit.events()).isEmpty();
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

    private static ByteArrayInputStream content(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
