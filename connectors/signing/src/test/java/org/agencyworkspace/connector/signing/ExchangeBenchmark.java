package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.agencyworkspace.testsupport.BenchmarkMachine;
import org.agencyworkspace.testsupport.BenchmarksDocument;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/workspace bench exchange}: validating a received exchange package (everything the
 * receiver checks before filing) beside the least any reader does with the same bytes, unzipping
 * every entry and hashing it with SHA-256; and signing and reading an acknowledgement. Writes the
 * "exchange" section of docs/benchmarks.md; asserts no timing.
 */
class ExchangeBenchmark {

    private static final int WARM_UPS = Integer.getInteger("bench.exchange.warmups", 5);
    private static final int RUNS = Integer.getInteger("bench.exchange.runs", 40);

    @Test
    void packageValidationBesideUnzipAndSha256() throws Exception {
        try (SigningFixture fixture = new SigningFixture()) {
            IssuedCertificate clerk = fixture.issue("趙發文", "科員");
            byte[] exchangePackage = ExchangePackages.pack(fixture, clerk, ExchangePackages.metadata("376430000A", "普通"));
            ExchangePackageReader reader = ExchangePackages.reader(fixture);
            ExchangeAcknowledgements acknowledgements = new ExchangeAcknowledgements(fixture.checks, fixture.validator);
            ExchangeAcknowledgement received = new ExchangeAcknowledgement("A12345", "數位發展部", "376430000A",
                    "府授秘字第1150001234號", ExchangeAcknowledgements.digestOf(exchangePackage),
                    ExchangeAcknowledgement.Outcome.RECEIVED, "", "", Instant.now());
            for (int i = 0; i < WARM_UPS; i++) {
                reader.read(exchangePackage);
                unzipAndHash(exchangePackage);
            }
            double[] validation = new double[RUNS];
            double[] baseline = new double[RUNS];
            double[] signAcknowledgement = new double[RUNS];
            double[] readAcknowledgement = new double[RUNS];
            try (UnlockedKey key = fixture.unlock(clerk)) {
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    assertThat(reader.read(exchangePackage).validation().allValid()).isTrue();
                    validation[i] = SigningBenchmark.seconds(start);
                    start = System.nanoTime();
                    assertThat(unzipAndHash(exchangePackage)).hasSize(64);
                    baseline[i] = SigningBenchmark.seconds(start);
                    start = System.nanoTime();
                    byte[] signed = acknowledgements.sign(received, key);
                    signAcknowledgement[i] = SigningBenchmark.seconds(start);
                    start = System.nanoTime();
                    assertThat(acknowledgements.read(signed).acknowledgement()).isEqualTo(received);
                    readAcknowledgement[i] = SigningBenchmark.seconds(start);
                }
            }
            BenchmarksDocument.writeSection(StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md"), "exchange",
                    String.format(Locale.ROOT, """
                            ## Document exchange (公文交換): validating a received package

                            `bin/workspace bench exchange`, %d runs after %d warm-ups. The package: ASiC-E with one XAdES
                            B-T signature over a 2-page text PDF, two small attachments and the metadata (%,d bytes). Validation is
                            what the receiver does before filing anything (`ExchangePackageReader`): EU DSS 6.2 validation
                            with the signer's CRL fetched over loopback HTTP and the time stamp checked, coverage of every
                            file, the metadata's schema, sender and level. The baseline is the least any reader does with
                            the same bytes in the same JVM: unzip every entry and SHA-256 it (`java.util.zip` +
                            `MessageDigest`), with no signature or certificate work.

                            | what | median ms | slowest ms | ratio to baseline (median) |
                            |---|---:|---:|---:|
                            | package validation | %.1f | %.1f | %.0f |
                            | unzip + SHA-256 (baseline) | %.2f | %.2f | 1 |
                            | acknowledgement signed (XAdES B-B, CRL check of the signer) | %.1f | %.1f | |
                            | acknowledgement read and verified | %.1f | %.1f | |

                            Machine: %s.
                            """, RUNS, WARM_UPS, exchangePackage.length, SigningBenchmark.median(validation) * 1000, max(validation) * 1000,
                            SigningBenchmark.median(validation) / SigningBenchmark.median(baseline), SigningBenchmark.median(baseline) * 1000, max(baseline) * 1000,
                            SigningBenchmark.median(signAcknowledgement) * 1000, max(signAcknowledgement) * 1000,
                            SigningBenchmark.median(readAcknowledgement) * 1000, max(readAcknowledgement) * 1000, BenchmarkMachine.describe()));
        }
    }

    /** Every entry inflated and hashed; the hex digest of the digests, so the work cannot be skipped. */
    private static String unzipAndHash(byte[] container) throws Exception {
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(container))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                all.update(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            }
        }
        return HexFormat.of().formatHex(all.digest());
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
