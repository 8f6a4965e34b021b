package org.agencyworkspace.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.labels.LabelAccessDeniedException;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a listing shows of files someone may not read: a bare placeholder, or nothing. */
class FileBrowserTest {

    static final WorkspaceUser AMY = user("amy", "absolutely-secret");
    static final WorkspaceUser BOB = user("bob", "unmarked");
    static final WorkspaceUser CAT = user("cat", "secret");

    final LocalFileStore store;
    final FilesFixture files;
    final FileBrowser browser;

    FileBrowserTest(@TempDir Path folder) {
        store = new LocalFileStore(folder);
        files = new FilesFixture(store, true);
        browser = new FileBrowser(store, files.labels, files.scheme, files.policy, files.audit);
    }

    @Test
    void itemsSomeoneMayNotReadShowNeitherNameNorLabelAndNationalSecretsNotEvenThat() {
        file("/案件/公開.pdf", null);
        file("/案件/名冊.pdf", new LabelRequest("secret", "人事資料", null, null, "公布後解密", false,
                null, null));
        file("/案件/國安.pdf", new LabelRequest("confidential", "國安事項", null,
                LocalDate.parse("2030-01-01"), null, false, List.of("amy"), List.of()));

        List<FileEntry> bob = browser.list(FilePath.of("/案件"), BOB);
        List<FileEntry> cat = browser.list(FilePath.of("/案件"), CAT);
        List<FileEntry> amy = browser.list(FilePath.of("/案件"), AMY);

        assertThat(bob).hasSize(2).filteredOn(FileEntry::restricted).singleElement()
                .isEqualTo(FileEntry.RESTRICTED);
        assertThat(bob).extracting(FileEntry::name).containsExactlyInAnyOrder("公開.pdf", null);
        assertThat(cat).extracting(FileEntry::name).containsExactlyInAnyOrder("公開.pdf", "名冊.pdf");
        assertThat(cat).filteredOn(entry -> "名冊.pdf".equals(entry.name())).singleElement()
                .satisfies(entry -> assertThat(entry.label().reason()).isEqualTo("人事資料"));
        assertThat(amy).extracting(FileEntry::name)
                .containsExactlyInAnyOrder("公開.pdf", "名冊.pdf", "國安.pdf");
        assertThat(files.audit.events()).noneMatch(event -> event.action().equals("file.entry"));
    }

    @Test
    void askingForARestrictedItemByPathIsRefusedAndAudited() {
        file("/名冊.pdf", new LabelRequest("secret", "人事資料", null, null, "公布後解密", false, null,
                null));
        file("/國安.pdf", new LabelRequest("confidential", "國安事項", null,
                LocalDate.parse("2030-01-01"), null, false, List.of("amy"), List.of()));

        assertThatThrownBy(() -> browser.find(FilePath.of("/名冊.pdf"), BOB))
                .isInstanceOf(LabelAccessDeniedException.class)
                .hasMessageNotContaining("人事資料");
        assertThat(browser.find(FilePath.of("/國安.pdf"), CAT)).as("not even that it exists").isEmpty();
        assertThat(browser.find(FilePath.of("/名冊.pdf"), CAT)).isPresent();
        assertThat(files.audit.events()).filteredOn(event -> event.action().equals("file.entry"))
                .hasSize(2).allSatisfy(event ->
                        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
    }

    private void file(String path, LabelRequest label) {
        StoredFile file = store.write(FilePath.of(path), new ByteArrayInputStream(new byte[] {1}), null);
        if (label != null) {
            files.labels.label(file, label, AMY);
        }
    }

    private static WorkspaceUser user(String login, String clearance) {
        return new WorkspaceUser(login, login, List.of("staff"), List.of("it"), clearance);
    }
}
