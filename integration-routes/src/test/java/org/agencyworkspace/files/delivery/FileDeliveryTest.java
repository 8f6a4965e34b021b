package org.agencyworkspace.files.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.FilesProperties;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.delivery.DeliveryRefusedException.Reason;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUpRequiredException;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The delivery rules with the local store and a recording stand-in for the watermark engine
 * (the engine itself is tested in connectors/documents, and end to end in FileDeliveryIT).
 */
class FileDeliveryTest {

    static final WorkspaceUser AMY = new WorkspaceUser("amy", "Amy Lin", List.of("staff"),
            List.of("it"), "secret");
    static final WorkspaceUser BOB = new WorkspaceUser("bob", "Bob", List.of("staff"),
            List.of("it"), "unmarked");

    final LocalFileStore store;
    final FilesFixture files;
    final RecordingAuditTrail audit;
    final MutableClock clock;
    final ClassificationScheme scheme;
    final FileLabels labels;
    final CopyRegister register;
    final RecordingCopyMarker engine = new RecordingCopyMarker();
    /** Whether the current sign-in has re-authenticated, as the step-up rule sees it. */
    boolean steppedUp = true;
    final List<Marking> markings = engine.markings;
    final List<List<CopyMarker.BundlePart>> bundles = engine.bundles;
    final AtomicReference<RuntimeException> engineFailure = engine.failure;
    final FilesProperties properties = FilesFixture.properties(3);

    FileDeliveryTest(@TempDir Path folder) {
        store = new LocalFileStore(folder);
        files = new FilesFixture(store);
        audit = files.audit;
        clock = files.clock;
        scheme = files.scheme;
        labels = files.labels;
        register = new CopyRegister(files.database.jdbc(), clock);
    }

    @Test
    void anOrdinaryFileIsHandedOutAsItIs() throws IOException {
        write("/公開/簡介.txt", "hello");

        FileDelivery.Check check = delivery(engine).check(FilePath.of("/公開/簡介.txt"), BOB,
                DeliveryKind.DOWNLOAD);
        try (Delivery copy = delivery(engine).deliver(check, BOB, DeliveryKind.DOWNLOAD)) {
            assertThat(copy.marked()).isFalse();
            assertThat(Files.readString(copy.content())).isEqualTo("hello");
        }
        assertThat(markings).isEmpty();
    }

    @Test
    void aLabelledFileLeavesOnlyAsAMarkedNumberedRegisteredCopy() throws IOException {
        StoredFile file = write("/人事室/名冊.pdf", "%PDF original");
        labels.label(file, new LabelRequest("secret", "personnel", null, null, "公布後解密", false,
                null, null), AMY);
        FileDelivery delivery = delivery(engine);

        FileDelivery.Check check = delivery.check(file.path(), AMY, DeliveryKind.DOWNLOAD);
        assertThat(check.decision().stepUpRequired()).isTrue();
        steppedUp = false;
        assertThatThrownBy(() -> delivery.deliver(check, AMY, DeliveryKind.DOWNLOAD))
                .as("no copy before the person re-authenticated")
                .isInstanceOf(StepUpRequiredException.class);
        assertThat(markings).as("nothing was marked").isEmpty();
        steppedUp = true;

        try (Delivery first = delivery.deliver(check, AMY, DeliveryKind.DOWNLOAD);
                Delivery second = delivery.deliver(check, AMY, DeliveryKind.PREVIEW)) {
            assertThat(first.marked()).isTrue();
            assertThat(first.contentType()).isEqualTo("application/pdf");
            assertThat(Files.readString(first.content())).doesNotContain("original")
                    .contains("密 SECRET", first.deliveryId());
            assertThat(first.copyNumber()).isEqualTo(1);
            assertThat(second.copyNumber()).isEqualTo(2);
        }
        assertThat(markings.get(0)).satisfies(marking -> {
            assertThat(marking.viewerName()).isEqualTo("Amy Lin");
            assertThat(marking.viewerId()).isEqualTo("amy");
            assertThat(marking.documentId()).isEqualTo(file.fileId());
            assertThat(marking.at()).isEqualTo(clock.instant());
        });
        assertThat(register.copiesOf(file.fileId())).extracting(CopyRegister.Copy::kind)
                .containsExactly("DOWNLOAD", "PREVIEW");
        AuditEvent downloaded = audit.events().stream()
                .filter(event -> event.action().equals("file.download")).findFirst().orElseThrow();
        assertThat(downloaded.target().classification()).isEqualTo("secret");
        assertThat(downloaded.details()).containsEntry("copy", "1")
                .containsEntry("delivery", markings.get(0).deliveryId());
        assertThat(files.domainEvents.of(FileEvents.Downloaded.class)).containsExactly(
                new FileEvents.Downloaded("/人事室/名冊.pdf", "secret", "download", "amy", 1),
                new FileEvents.Downloaded("/人事室/名冊.pdf", "secret", "preview", "amy", 2));
    }

    @Test
    void someoneBelowTheLevelGetsNothingAndTheRefusalIsAudited() {
        StoredFile file = secretFile("/a.pdf");

        assertThatThrownBy(() -> delivery(engine).check(file.path(), BOB, DeliveryKind.PREVIEW))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.DENIED))
                .hasMessageContaining("clearance unmarked is below 密");
        AuditEvent refused = audit.events().get(audit.events().size() - 1);
        assertThat(refused.action()).isEqualTo("file.preview");
        assertThat(refused.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(register.copiesOf(file.fileId())).isEmpty();
        assertThat(files.domainEvents.of(FileEvents.Downloaded.class)).isEmpty();
    }

    @Test
    void whenMarkingFailsNothingLeavesAndNoCopyIsRegistered() {
        StoredFile file = secretFile("/b.pdf");
        engineFailure.set(new WatermarkFailedException("needs a user password", true, null));
        FileDelivery delivery = delivery(engine);
        FileDelivery.Check check = delivery.check(file.path(), AMY, DeliveryKind.DOWNLOAD);

        assertThatThrownBy(() -> delivery.deliver(check, AMY, DeliveryKind.DOWNLOAD))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.CANNOT_MARK))
                .hasMessageContaining("needs a user password");
        engineFailure.set(new IllegalStateException("out of memory"));
        assertThatThrownBy(() -> delivery.deliver(check, AMY, DeliveryKind.DOWNLOAD))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(register.copiesOf(file.fileId())).isEmpty();
    }

    @Test
    void withoutAWatermarkEngineNoLabelledFileLeaves() {
        StoredFile file = secretFile("/c.pdf");
        FileDelivery delivery = delivery(null);
        FileDelivery.Check check = delivery.check(file.path(), AMY, DeliveryKind.DOWNLOAD);

        assertThatThrownBy(() -> delivery.deliver(check, AMY, DeliveryKind.DOWNLOAD))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void foldersAndMissingFilesAreRefused() {
        store.createFolders(FilePath.of("/folder"));
        assertThatThrownBy(() -> delivery(engine).check(FilePath.of("/folder"), AMY, DeliveryKind.DOWNLOAD))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_A_FILE));
        assertThatThrownBy(() -> delivery(engine).check(FilePath.of("/none.pdf"), AMY, DeliveryKind.DOWNLOAD))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void aThumbnailIsAPictureOfAMarkedRegisteredCopyNeverOfTheOriginal() throws IOException {
        StoredFile file = secretFile("/d.pdf");
        FileDelivery delivery = delivery(engine);
        FileDelivery.Check check = delivery.check(file.path(), AMY, DeliveryKind.THUMBNAIL);

        try (Delivery thumbnail = delivery.deliver(check, AMY, DeliveryKind.THUMBNAIL)) {
            assertThat(thumbnail.contentType()).isEqualTo("image/png");
            assertThat(thumbnail.fileName()).isEqualTo("d.pdf.png");
            assertThat(Files.readString(thumbnail.content())).startsWith("PNG of %PDF marked 密 SECRET")
                    .doesNotContain("original");
            assertThat(thumbnail.copyNumber()).isEqualTo(1);
        }
        assertThat(register.copiesOf(file.fileId())).extracting(CopyRegister.Copy::kind)
                .containsExactly("THUMBNAIL");
        assertThat(audit.events()).anyMatch(event -> event.action().equals("file.thumbnail")
                && event.outcome() == AuditEvent.Outcome.SUCCESS);
    }

    @Test
    void anOrdinaryFilesThumbnailIsDrawnFromAMarkedCopyButNotRegistered() throws IOException {
        StoredFile file = write("/公開/e.pdf", "%PDF original");
        FileDelivery delivery = delivery(engine);
        FileDelivery.Check check = delivery.check(file.path(), BOB, DeliveryKind.THUMBNAIL);

        try (Delivery thumbnail = delivery.deliver(check, BOB, DeliveryKind.THUMBNAIL)) {
            assertThat(Files.readString(thumbnail.content())).startsWith("PNG of %PDF marked");
            assertThat(thumbnail.marked()).isFalse();
            assertThat(thumbnail.copyNumber()).isZero();
        }
        assertThat(markings.get(0).copyNumber()).isZero();
        assertThat(register.copiesOf(file.fileId())).isEmpty();
    }

    @Test
    void aFolderLeavesAsOneBundleAtItsHighestLevelRegisteredAsOneCopy() throws IOException {
        write("/案件/a.pdf", "%PDF a");
        secretFile("/案件/附件/b.docx");
        // A file without a label of its own takes its folder's.
        write("/案件/密件/c.pdf", "%PDF c");
        labels.label(store.stat(FilePath.of("/案件/密件")).orElseThrow(), new LabelRequest("secret",
                "matter", null, null, "公布後解密", false, null, null), AMY);
        StoredFile folder = store.stat(FilePath.of("/案件")).orElseThrow();
        FileDelivery delivery = delivery(engine);

        FileDelivery.BundleCheck check = delivery.checkBundle(folder.path(), AMY);
        assertThat(check.level().code()).isEqualTo("secret");
        assertThat(check.stepUpRequired()).isTrue();
        steppedUp = false;
        assertThatThrownBy(() -> delivery.deliverBundle(check, AMY))
                .isInstanceOf(StepUpRequiredException.class);
        steppedUp = true;
        try (Delivery bundle = delivery.deliverBundle(check, AMY)) {
            assertThat(bundle.fileName()).isEqualTo("案件.pdf");
            assertThat(Files.readString(bundle.content())).startsWith("%PDF bundle 案件 密 SECRET");
            assertThat(bundle.copyNumber()).isEqualTo(1);
        }
        assertThat(bundles.get(0)).extracting(CopyMarker.BundlePart::name, CopyMarker.BundlePart::banner)
                .containsExactly(tuple("a.pdf", scheme.unmarked().marking()),
                        tuple("密件/c.pdf", "密 SECRET"), tuple("附件/b.docx", "密 SECRET"));
        assertThat(bundles.get(0)).allSatisfy(part -> assertThat(part.original()).doesNotExist());
        assertThat(register.copiesOf(folder.fileId())).singleElement()
                .satisfies(copy -> assertThat(copy.kind()).isEqualTo("BUNDLE"));
        AuditEvent exported = audit.events().stream()
                .filter(event -> event.action().equals("file.bundle")).findFirst().orElseThrow();
        assertThat(exported.details().get("files"))
                .isEqualTo("/案件/a.pdf\n/案件/密件/c.pdf\n/案件/附件/b.docx");
        assertThat(exported.target().classification()).isEqualTo("secret");
    }

    @Test
    void oneFileThePersonMayNotTakeRefusesTheWholeBundle() {
        write("/混合/a.pdf", "%PDF a");
        secretFile("/混合/名冊.pdf");

        assertThatThrownBy(() -> delivery(engine).checkBundle(FilePath.of("/混合"), BOB))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.DENIED))
                .hasMessageContaining("1 of the 2 files in /混合: 1 restricted")
                .as("the name of a file Bob may not read is not his to learn")
                .hasMessageNotContaining("名冊");
        assertThat(markings).isEmpty();
    }

    @Test
    void aBundleThatCannotBeMarkedIsNotRegistered() {
        secretFile("/壞/a.pdf");
        StoredFile folder = store.stat(FilePath.of("/壞")).orElseThrow();
        engineFailure.set(new WatermarkFailedException("a.pdf: the PDF is damaged", true, null));
        FileDelivery delivery = delivery(engine);
        FileDelivery.BundleCheck check = delivery.checkBundle(folder.path(), AMY);

        assertThatThrownBy(() -> delivery.deliverBundle(check, AMY))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.CANNOT_MARK))
                .hasMessageContaining("a.pdf: the PDF is damaged");
        assertThat(register.copiesOf(folder.fileId())).isEmpty();
    }

    @Test
    void bundlesOfFilesEmptyFoldersAndOverfullFoldersAreRefused() {
        store.createFolders(FilePath.of("/空"));
        write("/多/1.pdf", "%PDF");
        write("/多/2.pdf", "%PDF");
        write("/多/深/3.pdf", "%PDF");
        write("/多/深/4.pdf", "%PDF");
        FileDelivery delivery = delivery(engine);

        assertThatThrownBy(() -> delivery.checkBundle(FilePath.of("/多/1.pdf"), AMY))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_A_FOLDER));
        assertThatThrownBy(() -> delivery.checkBundle(FilePath.of("/空"), AMY))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.EMPTY_FOLDER));
        assertThatThrownBy(() -> delivery.checkBundle(FilePath.of("/多"), AMY))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.TOO_MANY_FILES))
                .hasMessageContaining("at most 3 files");
        assertThatThrownBy(() -> delivery.checkBundle(FilePath.of("/無"), AMY))
                .isInstanceOfSatisfying(DeliveryRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    private FileDelivery delivery(CopyMarker watermarker) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (watermarker != null) {
            beans.addBean("watermarker", watermarker);
        }
        return new FileDelivery(store, labels, new AccessPolicy(scheme), scheme,
                beans.getBeanProvider(CopyMarker.class), register, audit, files.domainEvents, clock, properties, () -> {
                    if (!steppedUp) {
                        throw new StepUpRequiredException(null);
                    }
                });
    }

    private StoredFile secretFile(String path) {
        StoredFile file = write(path, "%PDF original");
        labels.label(file, new LabelRequest("secret", "matter", null, null, "公布後解密", false,
                null, null), AMY);
        return file;
    }

    private StoredFile write(String path, String content) {
        return store.write(FilePath.of(path),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), null);
    }
}
