package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.AwkwardPdfs.LANDSCAPE_A4;
import static org.agencyworkspace.connector.documents.AwkwardPdfs.OFFSET_MEDIA;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.CORRUPT;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.EMPTY;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.INVALID_NAME;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.TOO_LARGE;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.UNSUPPORTED_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.agencyworkspace.connector.documents.AwkwardPdfs.PageShape;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder exported as one marked PDF: manifest first, every page marked, refused as a whole. */
class BundleTest {

    static final String BUNDLE_BANNER = ClassificationLevel.CONFIDENTIAL.banner();
    static final Marking BUNDLE_MARKING = Marked.MARKING.withBanner(BUNDLE_BANNER,
            ClassificationLevel.CONFIDENTIAL.style());

    @TempDir
    Path folder;
    @TempDir
    Path work;

    /** Three PDFs of awkward geometry, with CJK names and levels up to the bundle's. */
    static List<BundleItem> threeGeometries(Path folder) throws IOException {
        PageShape a4 = PageShape.of(PDRectangle.A4);
        return List.of(
                new BundleItem("簽呈 rotated.pdf", Files.write(folder.resolve("rotated.pdf"),
                        AwkwardPdfs.pages(a4.rotated(90), a4.rotated(90))), ClassificationLevel.SECRET.banner()),
                new BundleItem("landscape 報表.pdf", Files.write(folder.resolve("landscape.pdf"),
                        AwkwardPdfs.pages(PageShape.of(LANDSCAPE_A4))), BUNDLE_BANNER),
                new BundleItem("offset crop 附件.pdf", Files.write(folder.resolve("offset.pdf"), AwkwardPdfs.pages(
                        Collections.nCopies(3, PageShape.of(OFFSET_MEDIA).cropped(new PDRectangle(-250, 260, 400, 500))
                                .rotated(270)))), ClassificationLevel.UNMARKED.banner()));
    }

    @Test
    void theManifestListsTheItemsAndEveryPageIsMarkedWithItsOwnBanner() throws Exception {
        Path bundle = folder.resolve("bundle.pdf");

        watermarker().build().bundle(new BundleRequest("公文 Folder 2026", threeGeometries(folder), BUNDLE_MARKING),
                bundle);

        byte[] pdf = Files.readAllBytes(bundle);
        List<String> pages = Marked.pageTexts(pdf);
        assertThat(pages).hasSize(1 + 2 + 1 + 3);
        assertThat(withoutSpace(pages.get(0))).contains("公文Folder2026", "全卷等級Bundlelevel:機密CONFIDENTIAL",
                "王小明(wang.xm)", "交付Delivery:delivery-7f3a",
                "1簽呈rotated.pdf密SECRET2-32", "2landscape報表.pdf機密CONFIDENTIAL41",
                "3offsetcrop附件.pdf無密等UNMARKED5-73");
        assertThat(pages).satisfiesExactly(
                manifest -> assertThat(manifest).contains(BUNDLE_BANNER),
                rotated -> assertThat(rotated).contains("密 SECRET"),
                rotated -> assertThat(rotated).contains("密 SECRET"),
                landscape -> assertThat(landscape).contains(BUNDLE_BANNER),
                offset -> assertThat(offset).contains("無密等 UNMARKED"),
                offset -> assertThat(offset).contains("無密等 UNMARKED"),
                offset -> assertThat(offset).contains("無密等 UNMARKED"));
        assertThat(pages).allSatisfy(text -> assertThat(withoutSpace(text))
                .contains("王小明(wang.xm)", "2026-11-2609:30+08:00", "DOC-2026-0042", "awfp:delivery-7f3a"));
        Fingerprint fingerprint = new FingerprintReader().read(new ByteArrayInputStream(pdf));
        assertThat(fingerprint.fromMetadata()).contains("delivery-7f3a");
        assertThat(fingerprint.fromContent()).containsExactly("delivery-7f3a");
    }

    @Test
    void bannersShowAtTheTopAndBottomOfEveryPageAsDisplayed() throws Exception {
        Path bundle = folder.resolve("bundle.pdf");

        watermarker().build().bundle(new BundleRequest("Folder", threeGeometries(folder), BUNDLE_MARKING), bundle);

        for (BufferedImage page : Marked.rendered(Files.readAllBytes(bundle), 72)) {
            // each page in its own level's colours: the manifest blue, the items red and green
            assertThat(Marked.hasBannerInk(page, 0, 0.06)).as("banner at the top").isTrue();
            assertThat(Marked.hasBannerInk(page, 0.94, 1)).as("banner at the bottom").isTrue();
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void aLongListContinuesOnMoreManifestPages() throws Exception {
        Path onePage = Files.write(folder.resolve("one.pdf"), AwkwardPdfs.textPages(1));
        List<BundleItem> items = new ArrayList<>();
        for (int n = 1; n <= 70; n++) {
            items.add(new BundleItem("第 " + n + " 號附件 attachment.pdf", onePage, ClassificationLevel.SECRET.banner()));
        }
        Path bundle = folder.resolve("bundle.pdf");

        watermarker().build().bundle(new BundleRequest("Long folder", items, BUNDLE_MARKING), bundle);

        List<String> pages = Marked.pageTexts(Files.readAllBytes(bundle));
        int manifestPages = pages.size() - 70;
        String manifest = withoutSpace(String.join("", pages.subList(0, manifestPages)));
        assertThat(manifestPages).isGreaterThan(1);
        assertThat(pages.get(manifestPages - 1)).contains("Bundle manifest (" + manifestPages + "/" + manifestPages + ")");
        assertThat(Stream.iterate(1, n -> n + 1).limit(70))
                .allSatisfy(n -> assertThat(manifest).contains(n + "第" + n + "號附件attachment.pdf密SECRET"
                        + (manifestPages + n) + "1"));
        assertThat(pages).allSatisfy(text -> assertThat(withoutSpace(text)).contains("awfp:delivery-7f3a"));
    }

    @Test
    void aCorruptItemRefusesTheWholeBundleAndNoTargetExists() throws Exception {
        List<BundleItem> items = new ArrayList<>(threeGeometries(folder));
        byte[] good = AwkwardPdfs.textPages(3);
        items.add(1, new BundleItem("損壞 broken.pdf",
                Files.write(folder.resolve("broken.pdf"), AwkwardPdfs.truncated(good, good.length / 2)), BUNDLE_BANNER));
        Path bundle = folder.resolve("bundle.pdf");

        DocumentRejectedException refusal = refusal(watermarker().build(), items, bundle);

        assertThat(refusal.reason()).isEqualTo(CORRUPT);
        assertThat(refusal.getMessage()).contains("item 2 '損壞 broken.pdf'");
        assertThat(bundle).doesNotExist();
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).map(path -> path.getFileName().toString())
                    .containsExactlyInAnyOrder("rotated.pdf", "landscape.pdf", "offset.pdf", "broken.pdf");
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void theLimitsHoldForTheWholeBundle() throws Exception {
        List<BundleItem> items = threeGeometries(folder);
        long bytes = 0;
        for (BundleItem item : items) {
            bytes += Files.size(item.source());
        }
        Path bundle = folder.resolve("bundle.pdf");

        // 6 item pages fit one by one, but not with each other and the manifest
        DocumentRejectedException pages = refusal(watermarker().maxPages(6).build(), items, bundle);
        DocumentRejectedException size = refusal(watermarker().maxInputBytes(bytes - 1).build(), items, bundle);

        assertThat(pages.reason()).isEqualTo(TOO_LARGE);
        assertThat(pages.getMessage()).contains("item 3 'offset crop 附件.pdf'");
        assertThat(size.reason()).isEqualTo(TOO_LARGE);
        assertThat(size.getMessage()).contains("item 3 'offset crop 附件.pdf'");
        assertThat(bundle).doesNotExist();
    }

    @Test
    void anOfficeItemWithoutAConverterIsRefusedByName() throws Exception {
        List<BundleItem> items = List.of(threeGeometries(folder).get(0),
                new BundleItem("會議紀錄.docx", OfficeSamples.docx(folder), BUNDLE_BANNER));

        DocumentRejectedException refusal = refusal(watermarker().build(), items, folder.resolve("bundle.pdf"));

        assertThat(refusal.reason()).isEqualTo(UNSUPPORTED_TYPE);
        assertThat(refusal.getMessage()).contains("item 2 '會議紀錄.docx'");
    }

    @Test
    void aNameTheFontCannotDrawIsRefusedBeforeAnyItemIsRead() throws Exception {
        List<BundleItem> items = List.of(new BundleItem("smile \uD83D\uDE00.pdf", folder.resolve("never-read.pdf"),
                BUNDLE_BANNER));

        DocumentRejectedException refusal = refusal(watermarker().build(), items, folder.resolve("bundle.pdf"));

        assertThat(refusal.reason()).isEqualTo(INVALID_NAME);
        assertThat(refusal.getMessage()).contains("item 1", "U+1F600");
    }

    @Test
    void aBundleWithoutItemsIsRefused() {
        DocumentRejectedException refusal = catchThrowableOfType(DocumentRejectedException.class,
                () -> new BundleRequest("Empty folder", List.of(), BUNDLE_MARKING));

        assertThat(refusal.reason()).isEqualTo(EMPTY);
    }

    private Watermarker.Builder watermarker() {
        return Watermarker.builder().workDirectory(work);
    }

    private static DocumentRejectedException refusal(Watermarker watermarker, List<BundleItem> items, Path bundle) {
        return catchThrowableOfType(DocumentRejectedException.class,
                () -> watermarker.bundle(new BundleRequest("Folder", items, BUNDLE_MARKING), bundle));
    }

    static String withoutSpace(String text) {
        return text.replaceAll("\\s", "");
    }
}
