package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators' command: OUT appears only when every page is marked. */
class WatermarkCommandTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesTheMarkedCopyAndNamesItsDelivery() throws Exception {
        Path in = Files.write(folder.resolve("report.pdf"), AwkwardPdfs.textPages(2));
        Path marked = folder.resolve("report-marked.pdf");

        int status = run("--label", "confidential", "--viewer", "陳美玲", "--document-id", "DOC-9",
                "--delivery-id", "d-123", in.toString(), marked.toString());

        assertThat(status).isEqualTo(WatermarkCommand.DONE);
        assertThat(Marked.pageTexts(Files.readAllBytes(marked)))
                .allSatisfy(text -> assertThat(text).contains("機密 CONFIDENTIAL"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("delivery d-123");
        assertThat(listing()).containsExactlyInAnyOrder("report.pdf", "report-marked.pdf");
    }

    @Test
    void anUnknownLabelIsAUsageErrorAndCreatesNothing() throws Exception {
        Path in = Files.write(folder.resolve("report.pdf"), AwkwardPdfs.textPages(1));

        int status = run("--label", "restricted", "--viewer", "Wang", in.toString(), folder.resolve("o.pdf").toString());

        assertThat(status).isEqualTo(WatermarkCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown label 'restricted'");
        assertThat(listing()).containsExactly("report.pdf");
    }

    @Test
    void aLevelTheCommandIsGivenIsMarkedWithItsBannerAndTheShippedCodesAreThenUnknown() throws Exception {
        Path in = Files.write(folder.resolve("memo.pdf"), AwkwardPdfs.textPages(2));
        Path marked = folder.resolve("memo-marked.pdf");
        List<BannerLevel> configured = List.of(BannerLevel.of("restricted", "限閱", "Restricted"));

        int status = run(configured, "--label", "restricted", "--viewer", "Wang", in.toString(),
                marked.toString());

        assertThat(status).isEqualTo(WatermarkCommand.DONE);
        assertThat(Marked.pageTexts(Files.readAllBytes(marked)))
                .allSatisfy(text -> assertThat(text).contains("限閱 RESTRICTED"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("label restricted");
        assertThat(run(configured, "--label", "secret", "--viewer", "Wang", in.toString(),
                folder.resolve("o.pdf").toString())).isEqualTo(WatermarkCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown label 'secret' (known: restricted)");
        assertThat(listing()).containsExactlyInAnyOrder("memo.pdf", "memo-marked.pdf");
    }

    @Test
    void aLevelDescriptionRefusesControlCharacters() {
        assertThat(catchThrowableOfType(DocumentRejectedException.class,
                () -> BannerLevel.of("restricted", "限閱", "bad\u0007name")).reason())
                .isEqualTo(DocumentRejectedException.Reason.INVALID_NAME);
    }

    @Test
    void aRefusedDocumentLeavesNoOutputAndNoPartialFile() throws Exception {
        byte[] good = AwkwardPdfs.textPages(2);
        Path in = Files.write(folder.resolve("cut.pdf"), AwkwardPdfs.truncated(good, good.length / 3));

        int status = run("--label", "secret", "--viewer", "Wang", in.toString(), folder.resolve("o.pdf").toString());

        assertThat(status).isEqualTo(WatermarkCommand.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CORRUPT");
        assertThat(listing()).containsExactly("cut.pdf");
    }

    @Test
    void pathTraversalAndControlCharactersAreRefused() throws Exception {
        Path in = Files.write(folder.resolve("report.pdf"), AwkwardPdfs.textPages(1));

        assertThat(run("--label", "secret", "--viewer", "Wang", in.toString(), folder + "/../escaped.pdf"))
                .isEqualTo(WatermarkCommand.REFUSED);
        assertThat(run("--label", "secret", "--viewer", "Wang", in.toString(), folder + "/bad\nname.pdf"))
                .isEqualTo(WatermarkCommand.REFUSED);
        assertThat(run("--label", "secret", "--viewer", "Wang\u202E", in.toString(), folder + "/o.pdf"))
                .isEqualTo(WatermarkCommand.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must not contain '..'", "control characters");
        assertThat(listing()).containsExactly("report.pdf");
        assertThat(folder.resolveSibling("escaped.pdf")).doesNotExist();
    }

    @Test
    void missingArgumentsPrintTheUsage() {
        assertThat(run("--label", "secret", "in.pdf")).isEqualTo(WatermarkCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: bin/workspace watermark");
    }

    @Test
    void aBatchMarksEveryFileInOneCallAndRefusesTheHostileOneWithoutACopy() throws Exception {
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        Files.write(inbox.resolve("a.pdf"), AwkwardPdfs.textPages(2));
        Files.write(inbox.resolve("b.pdf"), AwkwardPdfs.textPages(1));
        // Readers that trust /Count and readers that walk the page tree would show different pages.
        Files.write(inbox.resolve("c.pdf"), withPageCount(AwkwardPdfs.textPages(2), 5));
        Files.writeString(inbox.resolve("notes.txt"), "not a document");
        Path single = Files.write(folder.resolve("d.pdf"), AwkwardPdfs.textPages(3));
        Path copies = folder.resolve("copies");

        int status = run("--label", "secret", "--viewer", "Wang", "--out-dir", copies.toString(),
                inbox.toString(), single.toString());

        assertThat(status).isEqualTo(WatermarkCommand.REFUSED);
        assertThat(listing(copies)).containsExactlyInAnyOrder("a.pdf", "b.pdf", "d.pdf");
        for (String name : List.of("a.pdf", "b.pdf", "d.pdf")) {
            assertThat(Marked.pageTexts(Files.readAllBytes(copies.resolve(name))))
                    .allSatisfy(text -> assertThat(text).contains(ClassificationLevel.SECRET.banner(), PdfStamper.CONTENT_MARKER));
        }
        assertThat(Marked.pageTexts(Files.readAllBytes(copies.resolve("d.pdf")))).hasSize(3);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().filter(line -> line.startsWith("watermarked "))).hasSize(3);
        assertThat(printed).contains("3 marked, 1 refused, 0 failed");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused " + inbox.resolve("c.pdf"), "CORRUPT",
                "/Count");
        // each copy is its own delivery
        assertThat(printed.lines().filter(line -> line.startsWith("watermarked "))
                .map(line -> line.substring(line.indexOf("(delivery "))).distinct()).hasSize(3);
    }

    @Test
    void aBatchThatMarksEverythingExitsZero() throws Exception {
        Path a = Files.write(folder.resolve("a.pdf"), AwkwardPdfs.textPages(1));
        Path b = Files.write(folder.resolve("b.pdf"), AwkwardPdfs.textPages(1));

        int status = run("--label", "confidential", "--viewer", "Wang", "--out-dir", folder.resolve("out").toString(),
                a.toString(), b.toString());

        assertThat(status).isEqualTo(WatermarkCommand.DONE);
        assertThat(listing(folder.resolve("out"))).containsExactlyInAnyOrder("a.pdf", "b.pdf");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 marked, 0 refused, 0 failed");
    }

    @Test
    void aBatchIsRefusedBeforeMarkingWhenItsFolderIsNotEmptyOrTwoFilesWouldCollide() throws Exception {
        Path a = Files.write(folder.resolve("a.pdf"), AwkwardPdfs.textPages(1));
        Path other = Files.createDirectories(folder.resolve("other"));
        Path sameName = Files.write(other.resolve("a.pdf"), AwkwardPdfs.textPages(1));
        Path used = Files.createDirectories(folder.resolve("used"));
        Files.writeString(used.resolve("old.pdf"), "an earlier batch");

        assertThat(run("--label", "secret", "--viewer", "Wang", "--out-dir", used.toString(), a.toString()))
                .isEqualTo(WatermarkCommand.USAGE);
        assertThat(run("--label", "secret", "--viewer", "Wang", "--out-dir", folder.resolve("x").toString(),
                a.toString(), sameName.toString())).isEqualTo(WatermarkCommand.USAGE);
        assertThat(run("--label", "secret", "--viewer", "Wang", "--delivery-id", "d-1", "--out-dir",
                folder.resolve("y").toString(), a.toString())).isEqualTo(WatermarkCommand.USAGE);
        assertThat(run("--label", "secret", "--viewer", "Wang", "--out-dir", folder + "/../z", a.toString()))
                .isEqualTo(WatermarkCommand.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must be new or empty", "would both be written",
                "own document and delivery id", "must not contain '..'");
        assertThat(listing(used)).containsExactly("old.pdf");
        assertThat(listing()).containsExactlyInAnyOrder("a.pdf", "other", "used");
    }

    private static byte[] withPageCount(byte[] pdf, int count) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            document.getPages().getCOSObject().setInt(org.apache.pdfbox.cos.COSName.COUNT, count);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }

    private int run(String... args) {
        return run(ClassificationLevel.shipped(), args);
    }

    private int run(List<BannerLevel> levels, String... args) {
        return new WatermarkCommand(levels, Map.of("WORKSPACE_OFFICE_HOME", folder.resolve("no-office").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private List<String> listing() throws Exception {
        return listing(folder);
    }

    private static List<String> listing(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
