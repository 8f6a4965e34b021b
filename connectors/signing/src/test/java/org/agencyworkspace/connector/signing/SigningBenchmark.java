package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.agencyworkspace.testsupport.BenchmarkMachine;
import org.agencyworkspace.testsupport.BenchmarksDocument;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/workspace bench signing}: PAdES B-T signatures per second on a 20-page PDF (each with
 * a time stamp from a local Bouncy Castle TSA over loopback HTTP and a CRL check) beside
 * {@code openssl cms -sign} over the same bytes with the same key, and the time to validate an
 * exchange package. Writes the "signing" section of docs/benchmarks.md; asserts no timing.
 */
class SigningBenchmark {

    private static final int WARM_UPS = Integer.getInteger("bench.signing.warmups", 3);
    private static final int RUNS = Integer.getInteger("bench.signing.runs", 20);
    private static final char[] PASSPHRASE = "bench-passphrase".toCharArray();

    @Test
    void padesBesideOpensslCms() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        try (SigningFixture fixture = new SigningFixture()) {
            IssuedCertificate issued = fixture.ca.issue(new CertificateHolder("王小明", "科長", "秘書處", "B1"), PASSPHRASE,
                    Instant.now().plus(Duration.ofDays(30)));
            byte[] pdf = SigningFixture.textPdf(20);
            Path pdfFile = Files.write(dir.resolve("twenty-pages.pdf"), pdf);
            Path p12 = Files.write(dir.resolve("bench-signer.p12"), issued.pkcs12());
            Path keyPem = dir.resolve("bench-signer-key.pem");
            Path certPem = dir.resolve("bench-signer-cert.pem");
            // the baseline gets the same key, still passphrase-encrypted (openssl's -passin)
            openssl("pkcs12", "-in", p12.toString(), "-nocerts", "-passin", "pass:bench-passphrase",
                    "-passout", "pass:bench-passphrase", "-out", keyPem.toString());
            openssl("pkcs12", "-in", p12.toString(), "-clcerts", "-nokeys", "-passin", "pass:bench-passphrase",
                    "-out", certPem.toString());

            double[] pades;
            double[] padesBb;
            double[] cms;
            try (UnlockedKey key = Pkcs12.open(issued.pkcs12(), PASSPHRASE)) {
                SignatureBlock block = new SignatureBlock("王小明", "科長", "決行");
                for (int i = 0; i < WARM_UPS; i++) {
                    fixture.signer.sign(pdf, key, block, PadesLevel.B_T);
                    opensslCms(pdfFile, certPem, keyPem, dir);
                }
                pades = new double[RUNS];
                padesBb = new double[RUNS];
                cms = new double[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    byte[] signed = fixture.signer.sign(pdf, key, block, PadesLevel.B_T);
                    pades[i] = seconds(start);
                    assertThat(signed.length).isGreaterThan(pdf.length);
                    start = System.nanoTime();
                    fixture.signer.sign(pdf, key, block, PadesLevel.B_B);
                    padesBb[i] = seconds(start);
                    start = System.nanoTime();
                    opensslCms(pdfFile, certPem, keyPem, dir);
                    cms[i] = seconds(start);
                }
            }

            byte[] exchangePackage = ExchangePackages.pack(fixture, fixture.issue("趙發文", "科員"),
                    ExchangePackages.metadata("376430000A", "普通"));
            ExchangePackageReader reader = ExchangePackages.reader(fixture);
            for (int i = 0; i < WARM_UPS; i++) {
                reader.read(exchangePackage);
            }
            double[] validation = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                ReceivedPackage received = reader.read(exchangePackage);
                validation[i] = seconds(start);
                assertThat(received.validation().allValid()).isTrue();
            }
            BenchmarksDocument.writeSection(StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md"), "signing",
                    report(pades, padesBb, cms, validation, pdf.length, exchangePackage.length));
        }
    }

    private static String report(double[] pades, double[] padesBb, double[] cms, double[] validation, int pdfBytes,
            int packageBytes) {
        double padesRate = RUNS / Arrays.stream(pades).sum();
        double padesBbRate = RUNS / Arrays.stream(padesBb).sum();
        double cmsRate = RUNS / Arrays.stream(cms).sum();
        return String.format(Locale.ROOT, """
                ## Signing (公文): PAdES and exchange packages

                `bin/workspace bench signing`, %d runs after %d warm-ups on a 20-page text PDF (%,d bytes), RSA-2048
                key from the agency CA. PAdES goes through EU DSS 6.2 in the JVM: certificate checks including a CRL
                fetch over loopback HTTP, the visible CJK signature block, an incremental revision and, for B-T, an
                RFC 3161 time stamp from a Bouncy Castle TSA over loopback HTTP. The baseline is
                `openssl cms -sign -binary -md sha256 -outform DER` over the same bytes with the same key (a detached
                CMS signature, no PDF work, no time stamp, no revocation check), one process per signature.

                | what | per second | median ms | ratio to openssl |
                |---|---:|---:|---:|
                | PAdES B-T (with time stamp) | %.2f | %.1f | %.2f |
                | PAdES B-B | %.2f | %.1f | %.2f |
                | `openssl cms -sign` (baseline) | %.2f | %.1f | 1.00 |

                Exchange package validation (ASiC-E with XAdES B-T, 20-page PDF + 2 attachments + metadata, %,d bytes;
                DSS validation with CRL fetch, schema check of the metadata, sender and level checks): median %.1f ms,
                slowest %.1f ms.

                Machine: %s.
                """, RUNS, WARM_UPS, pdfBytes, padesRate, median(pades) * 1000, padesRate / cmsRate, padesBbRate,
                median(padesBb) * 1000, padesBbRate / cmsRate, cmsRate, median(cms) * 1000, packageBytes,
                median(validation) * 1000, Arrays.stream(validation).max().orElse(0) * 1000, BenchmarkMachine.describe());
    }

    private static void opensslCms(Path pdf, Path cert, Path key, Path dir) throws Exception {
        openssl("cms", "-sign", "-binary", "-md", "sha256", "-outform", "DER", "-in", pdf.toString(), "-signer",
                cert.toString(), "-inkey", key.toString(), "-passin", "pass:bench-passphrase", "-out",
                dir.resolve("openssl.p7s").toString());
    }

    private static void openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
