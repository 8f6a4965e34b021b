package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The awkward corpus checked by tools that are not PDFBox: every output passes {@code qpdf --check}
 * and every page's banner comes out of poppler's {@code pdftotext}; and the packaged command.
 */
class WatermarkedPdfToolsIT {

    private static final Watermarker WATERMARKER = Watermarker.builder().build();

    @TempDir
    Path folder;

    static Stream<Arguments> awkwardDocuments() {
        return Stream.concat(WatermarkerTest.awkwardDocuments(),
                Stream.of(Arguments.of("image pages", AwkwardPdfs.imagePages(2, 300))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardDocuments")
    void qpdfFindsNoErrorAndPdftotextFindsTheBannerOnEveryPage(String shape, byte[] document) throws Exception {
        Path marked = Files.write(folder.resolve("marked.pdf"), Marked.watermark(WATERMARKER, document));

        PdfTools.Result check = PdfTools.qpdfCheck(marked);
        assertThat(check.exitCode()).as(check.output()).isZero();
        int pages = Marked.pageTexts(Files.readAllBytes(marked)).size();
        assertThat(IntStream.rangeClosed(1, pages).mapToObj(page -> PdfTools.pdftotext(marked, page)))
                .hasSize(pages).allSatisfy(text -> assertThat(text).contains("密 SECRET"));
    }

    @Test
    void thePackagedCommandMarksAFileAndRefusesABrokenOne() throws Exception {
        Path in = Files.write(folder.resolve("in.pdf"), AwkwardPdfs.textPages(3));
        Path out = folder.resolve("out.pdf");
        Path broken = Files.write(folder.resolve("broken.pdf"), AwkwardPdfs.truncated(AwkwardPdfs.textPages(3), 500));
        Path notWritten = folder.resolve("not-written.pdf");
        // cut in the middle, with an end marker: PDFBox repairs what it can and logs as it goes
        byte[] intact = AwkwardPdfs.textPages(3);
        Path repaired = Files.write(folder.resolve("repaired.pdf"), concat(
                AwkwardPdfs.truncated(intact, intact.length / 2), "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));

        PdfTools.Result done = command("--label", "absolutely-secret", "--viewer", "林志明", in.toString(), out.toString());
        PdfTools.Result refused = command("--label", "secret", "--viewer", "林志明", broken.toString(), notWritten.toString());

        assertThat(done.exitCode()).as(done.output()).isZero();
        assertThat(PdfTools.qpdfCheck(out).exitCode()).isZero();
        assertThat(PdfTools.pdftotext(out, 3)).contains("絕對機密 ABSOLUTELY SECRET");
        assertThat(refused.exitCode()).isEqualTo(WatermarkCommand.REFUSED);
        assertThat(refused.output()).contains("CORRUPT");
        assertThat(notWritten).doesNotExist();
        PdfTools.Result damaged = command("--label", "secret", "--viewer", "林志明", repaired.toString(),
                notWritten.toString());
        assertThat(damaged.exitCode()).as(damaged.output()).isIn(WatermarkCommand.DONE, WatermarkCommand.REFUSED);
        assertThat(damaged.output()).doesNotContain("\tat ", "SEVERE", "Exception:");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static PdfTools.Result command(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = StackEnvironment.require("documents.jar");
        return PdfTools.run(Stream.concat(Stream.of(java, "-jar", jar), Stream.of(args)).toList());
    }
}
