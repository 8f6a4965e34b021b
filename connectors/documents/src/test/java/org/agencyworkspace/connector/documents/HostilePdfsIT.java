package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each hostile attack alone, checked as poppler and qpdf see the output: the stamp is visible at
 * the top and bottom of every page and nothing planted survives, or the input is refused.
 */
class HostilePdfsIT {

    /** Attacks that leave nothing to show or no consistent page tree: these are refused. */
    private static final Set<String> REFUSED = Set.of("crop box outside the media box", "wrong page count",
            "page tree loop", "bad media box");
    private static final Watermarker WATERMARKER = Watermarker.builder().build();

    @TempDir
    Path work;

    static Stream<HostilePdfs.Attack> attacks() {
        return HostilePdfs.ATTACKS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void theStampShowsOnEveryPageOrTheDocumentIsRefused(HostilePdfs.Attack attack) throws Exception {
        for (int variant = 0; variant < 4; variant++) {
            Random random = new Random(variant);
            PDDocument document = HostilePdfs.base(random);
            attack.apply().accept(document, random);
            byte[] pdf = HostilePdfs.save(document, random);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            if (REFUSED.contains(attack.name())) {
                DocumentRejectedException refusal = catchThrowableOfType(DocumentRejectedException.class,
                        () -> WATERMARKER.watermark(Marked.MARKING, new ByteArrayInputStream(pdf), out));
                assertThat(refusal).as(attack.name()).isNotNull();
                assertThat(refusal.reason()).isEqualTo(DocumentRejectedException.Reason.CORRUPT);
                assertThat(out.size()).isZero();
            } else {
                WATERMARKER.watermark(Marked.MARKING, new ByteArrayInputStream(pdf), out);
                assertThat(problems(out.toByteArray())).as(attack.name() + ", variant " + variant).isEmpty();
            }
        }
    }

    @Test
    void anEarlierRevisionDoesNotSurvive() throws Exception {
        Random random = new Random(1);
        PDDocument document = HostilePdfs.base(random);
        HostilePdfs.plantSecretInContent(document);
        byte[] revised = HostilePdfs.withEarlierRevision(HostilePdfs.save(document, random));

        assertThat(problems(Marked.watermark(WATERMARKER, revised))).isEmpty();
    }

    private java.util.List<String> problems(byte[] marked) throws Exception {
        Path file = Files.write(Files.createTempFile(work, "marked-", ".pdf"), marked);
        return PopplerView.problems(file, Marked.MARKING.banner(), Marked.MARKING.deliveryId(), work);
    }
}
