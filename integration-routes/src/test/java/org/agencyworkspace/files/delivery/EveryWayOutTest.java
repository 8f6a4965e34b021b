package org.agencyworkspace.files.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Every way a file leaves (download, preview, thumbnail, folder bundle), for every level, every
 * clearance and named or not as needing to know: nobody below the level, and nobody left out of a
 * need-to-know list, gets a byte; whoever gets something gets a marked copy, never the original.
 * The whole domain is small enough to check exhaustively.
 */
class EveryWayOutTest {

    static final WorkspaceUser CLASSIFIER = new WorkspaceUser("classifier", "Classifier",
            List.of("staff"), List.of("registry"), "absolutely-secret");

    @Test
    void nobodyBelowALevelOrOutsideItsNeedToKnowTakesAnythingAndNobodyGetsTheOriginal(
            @TempDir Path folder) throws IOException {
        LocalFileStore store = new LocalFileStore(folder);
        FilesFixture files = new FilesFixture(store, true);
        RecordingCopyMarker engine = new RecordingCopyMarker();
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("watermarker", engine);
        FileDelivery delivery = new FileDelivery(store, files.labels, files.policy, files.scheme,
                beans.getBeanProvider(CopyMarker.class), new CopyRegister(files.database.jdbc(),
                        files.clock), files.audit, files.domainEvents, files.clock,
                FilesFixture.properties(200), () -> { });
        int checked = 0;
        for (ClassificationLevel level : files.scheme.levels()) {
            if (files.scheme.rank(level.code()) == 0) {
                continue;
            }
            // A level that needs it names who needs to know; others are tried both ways.
            List<List<String>> readerLists = level.needToKnow() ? List.of(List.of("named"))
                    : List.of(List.of("named"), List.of());
            for (List<String> readers : readerLists) {
                FilePath folderPath = FilePath.of("/" + level.code() + "-" + readers.size());
                StoredFile file = store.write(folderPath.resolve("original.pdf"),
                        new ByteArrayInputStream("ORIGINAL".getBytes(StandardCharsets.UTF_8)), null);
                files.labels.label(file, new LabelRequest(level.code(), "test", null, null,
                        "公布後解密", false, readers, List.of()), CLASSIFIER);
                for (String clearance : DefaultLevels.CLEARANCES) {
                    for (String login : List.of("named", "other")) {
                        WorkspaceUser reader = new WorkspaceUser(login, login, List.of("staff"),
                                List.of("it"), clearance);
                        boolean cleared = files.scheme.rank(clearance) >= files.scheme.rank(level.code())
                                && (readers.isEmpty() || readers.contains(login));
                        for (DeliveryKind kind : DeliveryKind.values()) {
                            boolean allowed = cleared
                                    && (kind.action() != FileAction.DOWNLOAD || level.download());
                            String outcome = level.code() + "/" + readers + "/" + clearance + "/"
                                    + login + "/" + kind;
                            if (!allowed) {
                                assertThatThrownBy(() -> take(delivery, kind, file.path(), folderPath,
                                        reader)).as(outcome).isInstanceOf(DeliveryRefusedException.class);
                            } else {
                                try (Delivery copy = take(delivery, kind, file.path(), folderPath, reader)) {
                                    assertThat(copy.marked()).as(outcome).isTrue();
                                    assertThat(Files.readString(copy.content())).as(outcome)
                                            .doesNotContain("ORIGINAL").contains(level.marking());
                                }
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        // 密 both ways, the three national-secret levels with their need-to-know list.
        assertThat(checked).isEqualTo(5 * DefaultLevels.CLEARANCES.size() * 2
                * DeliveryKind.values().length);
    }

    private static Delivery take(FileDelivery delivery, DeliveryKind kind, FilePath file,
            FilePath folder, WorkspaceUser reader) {
        if (kind == DeliveryKind.BUNDLE) {
            return delivery.deliverBundle(delivery.checkBundle(folder, reader), reader);
        }
        return delivery.deliver(delivery.check(file, reader, kind), reader, kind);
    }
}
