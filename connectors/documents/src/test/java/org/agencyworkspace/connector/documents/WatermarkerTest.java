package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.AwkwardPdfs.LANDSCAPE_A4;
import static org.agencyworkspace.connector.documents.AwkwardPdfs.OFFSET_MEDIA;
import static org.agencyworkspace.connector.documents.Marked.MARKING;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.agencyworkspace.connector.documents.AwkwardPdfs.PageShape;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated corpus of awkward PDFs: every page marked, upright as shown, fingerprint readable. */
class WatermarkerTest {

    private static final Watermarker WATERMARKER = Watermarker.builder().build();

    static Stream<Arguments> awkwardDocuments() {
        PageShape a4 = PageShape.of(PDRectangle.A4);
        PDRectangle offsetCrop = new PDRectangle(-250, 260, 400, 500);
        return Stream.of(
                Arguments.of("portrait A4", AwkwardPdfs.pages(a4)),
                Arguments.of("landscape", AwkwardPdfs.pages(PageShape.of(LANDSCAPE_A4))),
                Arguments.of("rotated 90", AwkwardPdfs.pages(a4.rotated(90))),
                Arguments.of("rotated 180", AwkwardPdfs.pages(a4.rotated(180))),
                Arguments.of("rotated 270", AwkwardPdfs.pages(a4.rotated(270))),
                Arguments.of("offset media box", AwkwardPdfs.pages(PageShape.of(OFFSET_MEDIA))),
                Arguments.of("offset crop box, rotated 90",
                        AwkwardPdfs.pages(PageShape.of(OFFSET_MEDIA).cropped(offsetCrop).rotated(90))),
                Arguments.of("offset crop box, rotated 270",
                        AwkwardPdfs.pages(PageShape.of(OFFSET_MEDIA).cropped(offsetCrop).rotated(270))),
                Arguments.of("page without a content stream", AwkwardPdfs.pages(a4.empty(), a4)),
                Arguments.of("mixed sizes and rotations", AwkwardPdfs.pages(a4, PageShape.of(PDRectangle.A3),
                        PageShape.of(PDRectangle.A6).rotated(90), PageShape.of(LANDSCAPE_A4).rotated(180),
                        PageShape.of(new PDRectangle(2000, 300)), PageShape.of(PDRectangle.LETTER).rotated(270))),
                Arguments.of("encrypted with an owner password only", AwkwardPdfs.encrypted("owner-secret", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardDocuments")
    void everyPageCarriesTheBannerTheViewerMarkAndTheFingerprint(String shape, byte[] document) {
        byte[] marked = Marked.watermark(WATERMARKER, document);

        List<String> pages = Marked.pageTexts(marked);
        assertThat(pages).hasSize(pageCount(document)).allSatisfy(text -> assertThat(text).contains("密 SECRET"));
        // The diagonal mark comes out of text extraction in pieces: compare without white space.
        assertThat(pages).allSatisfy(text -> assertThat(text.replaceAll("\\s", ""))
                .contains("王小明(wang.xm)", "2026-11-2609:30+08:00", "DOC-2026-0042", "awfp:delivery-7f3a"));
        Fingerprint fingerprint = new FingerprintReader().read(new ByteArrayInputStream(marked));
        assertThat(fingerprint.fromMetadata()).contains("delivery-7f3a");
        assertThat(fingerprint.fromContent()).containsExactly("delivery-7f3a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardDocuments")
    void bannersShowAtTheTopAndBottomOfThePageAsDisplayed(String shape, byte[] document) {
        for (BufferedImage page : Marked.rendered(Marked.watermark(WATERMARKER, document), 72)) {
            assertThat(Marked.hasBannerRed(page, 0, 0.06)).as("banner at the top").isTrue();
            assertThat(Marked.hasBannerRed(page, 0.94, 1)).as("banner at the bottom").isTrue();
            assertThat(Marked.hasBannerRed(page, 0.25, 0.75)).as("no banner across the middle").isFalse();
        }
    }

    @Test
    void theMarkedCopyIsNoLongerEncrypted() throws Exception {
        byte[] marked = Marked.watermark(WATERMARKER, AwkwardPdfs.encrypted("owner-secret", ""));

        try (PDDocument document = Loader.loadPDF(marked)) {
            assertThat(document.isEncrypted()).isFalse();
        }
    }

    @Test
    void aThousandPageDocumentIsMarkedThroughout() {
        byte[] marked = Marked.watermark(WATERMARKER, AwkwardPdfs.textPages(1000));

        List<String> pages = Marked.pageTexts(marked);
        assertThat(pages).hasSize(1000).allSatisfy(text -> assertThat(text).contains("密 SECRET"));
    }

    @Test
    void imagePagesAreMarked() {
        byte[] marked = Marked.watermark(WATERMARKER, AwkwardPdfs.imagePages(3, 200));

        assertThat(Marked.pageTexts(marked)).hasSize(3).allSatisfy(text -> assertThat(text).contains("密 SECRET"));
    }

    @Test
    void everyLevelPrintsItsChineseAndEnglishBanner() {
        List<String> firstPages = new ArrayList<>();
        for (ClassificationLevel level : ClassificationLevel.values()) {
            Marking marking = new Marking(level.banner(), MARKING.viewerName(), MARKING.userId(), MARKING.time(),
                    MARKING.documentId(), MARKING.deliveryId());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            WATERMARKER.watermark(marking, new ByteArrayInputStream(AwkwardPdfs.textPages(1)), out);
            firstPages.add(Marked.pageTexts(out.toByteArray()).get(0));
        }

        assertThat(firstPages).satisfiesExactly(
                text -> assertThat(text).contains("無密等 UNMARKED"),
                text -> assertThat(text).contains("密 SECRET"),
                text -> assertThat(text).contains("機密 CONFIDENTIAL"),
                text -> assertThat(text).contains("極機密 TOP SECRET"),
                text -> assertThat(text).contains("絕對機密 ABSOLUTELY SECRET"));
    }

    private static int pageCount(byte[] document) {
        try (PDDocument pdf = Loader.loadPDF(document, "")) {
            return pdf.getNumberOfPages();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
