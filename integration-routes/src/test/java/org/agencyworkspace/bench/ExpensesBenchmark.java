package org.agencyworkspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.client.j2se.CommandLineRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.agencyworkspace.connector.einvoice.EInvoice;
import org.agencyworkspace.connector.einvoice.ReceiptImages;
import org.agencyworkspace.expenses.Claim;
import org.agencyworkspace.expenses.DuplicateFinder;
import org.agencyworkspace.expenses.ExpensesProperties;
import org.agencyworkspace.expenses.TestInvoices;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/**
 * {@code bin/workspace bench expenses}: (1) e-invoice QR decoding of a generated corpus (clean,
 * turned, blurred, faded photos of proof copies with both codes), the workspace's reader beside
 * ZXing's own command-line decoder ({@code CommandLineRunner --try_harder --multi}) on the same
 * files in the same JVM: share of invoices whose both codes were read, and images per second;
 * (2) duplicate lookup latency per receipt against {@code -Dbench.invoices} (1,000,000) stored
 * invoices on the stack's PostgreSQL, in a schema of its own dropped afterwards. Parameters:
 * {@code -Dbench.images} (120), {@code -Dbench.lookups} (2,000).
 */
class ExpensesBenchmark {

    static final String NAME = "expenses";

    @TempDir
    Path work;

    @Test
    void decodingBesideZxingAndDuplicateLookups() throws Exception {
        int images = Integer.getInteger("bench.images", 120);
        int invoices = Integer.getInteger("bench.invoices", 1_000_000);
        int lookups = Integer.getInteger("bench.lookups", 2_000);
        List<Path> files = new ArrayList<>();
        List<TestInvoices.Invoice> expected = new ArrayList<>();
        Random random = new Random(17);
        for (int i = 0; i < images; i++) {
            TestInvoices.Invoice invoice = new TestInvoices.Invoice(String.format("BZ%08d", i),
                    LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300)), 10 + random.nextInt(50_000), "22099131");
            // A quarter each: flat scan, turned photo, blurred, faded print.
            byte[] png = switch (i % 4) {
                case 0 -> TestInvoices.photo(0, invoice);
                case 1 -> TestInvoices.photo(5 + random.nextInt(350), invoice);
                case 2 -> TestInvoices.blurred(TestInvoices.photo(random.nextInt(30), invoice), 1);
                default -> TestInvoices.faded(TestInvoices.photo(random.nextInt(30), invoice), 140, 210);
            };
            Path file = work.resolve("invoice-" + i + ".png");
            Files.write(file, png);
            files.add(file);
            expected.add(invoice);
        }
        // Warm-up of both (JIT), on the first tenth.
        workspace(files.subList(0, Math.max(1, images / 10)), expected);
        zxing(files.subList(0, Math.max(1, images / 10)), expected);
        Decoding ours = workspace(files, expected);
        Decoding theirs = zxing(files, expected);

        LatencySummary lookup = lookups(invoices, lookups);

        Machine machine = Machine.current();
        String section = """
                ## Expense claims: e-invoice QR decoding and duplicate lookups

                `bin/workspace bench expenses` (ExpensesBenchmark), %s, on %d cores, %s, %s.

                **QR decoding**: %d generated e-invoice proof copies (a left and a right code each, to
                the published layout; a quarter each flat, turned 5-355°, blurred (3x3 box), faded
                (greys 140-210), PNG). Read means both codes of the invoice decoded and the
                invoice number right. Same files, same JVM, one thread each, after a warm-up.

                | reader | invoices read | images/s |
                |---|---|---|
                | workspace `ReceiptImages` (multi-reader, TRY_HARDER, contrast and half-size passes) | %d / %d (%.1f %%) | %.2f |
                | ZXing `CommandLineRunner --try_harder --multi --possible_formats QR_CODE` | %d / %d (%.1f %%) | %.2f |
                | ratio workspace / ZXing | %.2f | %.2f |

                **Duplicate lookup**: one receipt (invoice number + seller or period, file SHA-256,
                photo-hash bands, seller + amount + day) against %,d stored invoices in 250,000+
                claims on the stack's PostgreSQL (`expense_item` indexes of V16), through
                `DuplicateFinder.hits`, %,d lookups (half of them hitting): p50 %.2f ms, p95 %.2f ms,
                max %.2f ms. No baseline: the figure is the lookup alone, four indexed probes plus
                the band matches.
                """.formatted(Instant.now(), machine.cores(), machine.cpuModel(), machine.memory(),
                images, ours.read(), images, 100.0 * ours.read() / images, ours.perSecond(),
                theirs.read(), images, 100.0 * theirs.read() / images, theirs.perSecond(),
                theirs.read() == 0 ? Double.NaN : (double) ours.read() / theirs.read(),
                ours.perSecond() / theirs.perSecond(),
                invoices, lookup.count(), ms(lookup.p50()), ms(lookup.p95()), ms(lookup.max()));
        Path report = Path.of(System.getProperty("bench.report",
                StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md").toString()));
        new BenchmarkReport(report).writeSection(NAME, section);
        assertThat(ours.read()).isPositive();
    }

    private record Decoding(int read, double perSecond) {
    }

    private static Decoding workspace(List<Path> files, List<TestInvoices.Invoice> expected) throws Exception {
        ReceiptImages reader = new ReceiptImages(ReceiptImages.Limits.defaults());
        int read = 0;
        long start = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            try {
                List<EInvoice> found = reader.read(Files.readAllBytes(files.get(i))).invoices();
                if (found.size() == 1 && found.get(0).number().equals(expected.get(i).number())) {
                    read++;
                }
            } catch (RuntimeException e) {
                // Not read: counted by its absence.
            }
        }
        return new Decoding(read, files.size() / seconds(start));
    }

    /** ZXing's decoder, one file per call so each file's output is its own. */
    private static Decoding zxing(List<Path> files, List<TestInvoices.Invoice> expected) throws Exception {
        PrintStream console = System.out;
        int read = 0;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < files.size(); i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                CommandLineRunner.main(new String[] {"--possible_formats", "QR_CODE", "--try_harder", "--multi",
                        files.get(i).toString()});
                String text = out.toString(StandardCharsets.UTF_8);
                if (text.contains("Raw result:\n" + expected.get(i).number()) && text.contains("Raw result:\n**")) {
                    read++;
                }
            }
        } finally {
            System.setOut(console);
        }
        return new Decoding(read, files.size() / seconds(start));
    }

    private static LatencySummary lookups(int invoices, int lookups) throws Exception {
        String url = StackEnvironment.require("WORKSPACE_POSTGRES_URL");
        String user = StackEnvironment.require("WORKSPACE_POSTGRES_USER");
        String password = StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD");
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        DriverManagerDataSource source = new DriverManagerDataSource(url + "?currentSchema=" + schema, user, password);
        try {
            Flyway.configure().dataSource(source).schemas(schema).locations("classpath:db/migration").load().migrate();
            try (Connection connection = source.getConnection(); Statement sql = connection.createStatement()) {
                int claims = invoices / 4 + 1;
                sql.execute("INSERT INTO expense_claim (claimant, purpose, budget_code, starts_on, ends_on, level,"
                        + " status, created_at) SELECT 'u' || g, 'bench', 'B-' || (g % 40), DATE '2026-01-01',"
                        + " DATE '2026-12-31', 'unmarked', 'PAID', now() FROM generate_series(1, " + claims + ") g");
                sql.execute("INSERT INTO expense_item (claim_id, kind, issued_on, amount, invoice_number, invoice_period,"
                        + " seller, file_sha256, photo_hash, photo_band0, photo_band1, photo_band2, photo_band3, created_at)"
                        + " SELECT g / 4 + 1, 'EINVOICE', DATE '2026-01-01' + (g % 360), (g % 9000) + 1,"
                        + " 'BN' || lpad(g::text, 8, '0'), '115' || lpad((2 * (g % 6) + 2)::text, 2, '0'),"
                        + " lpad(((g % 997) * 10000 + 31)::text, 8, '0'), md5(g::text) || md5((g + 1)::text), h,"
                        + " (h & 65535)::int, ((h >> 16) & 65535)::int, ((h >> 32) & 65535)::int, ((h >> 48) & 65535)::int, now()"
                        + " FROM (SELECT g, ('x' || substr(md5('p' || g), 1, 16))::bit(64)::bigint AS h"
                        + " FROM generate_series(0, " + (invoices - 1) + ") g) s");
                sql.execute("ANALYZE expense_item");
                sql.execute("ANALYZE expense_claim");
            }
            JdbcClient jdbc = JdbcClient.create(source);
            DuplicateFinder finder = new DuplicateFinder(jdbc, new ExpensesProperties("manager", "accounting",
                    "/expenses", new BigDecimal("1000000"), DataSize.ofMegabytes(20), 40_000_000L, 10, 200, 3));
            Random random = new Random(5);
            List<Duration> times = new ArrayList<>();
            for (int i = 0; i < lookups + 200; i++) {
                int g = random.nextInt(invoices);
                boolean hit = i % 2 == 0;
                String number = hit ? String.format("BN%08d", g) : String.format("ZZ%08d", g);
                Claim.Item item = new Claim.Item(-1, Claim.Kind.EINVOICE, LocalDate.of(2026, 1, 1).plusDays(g % 360),
                        BigDecimal.valueOf(g % 9000 + 1), null, number, "11502", null, "22099131", null, null, null,
                        null, "/expenses/x.png", UUID.randomUUID().toString().replace("-", "").repeat(2),
                        random.nextLong(), null);
                Claim claim = new Claim(-1, "bench", "bench", "B", null, LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 1, 2), "unmarked", Claim.Status.DRAFT, null, null, null, null, null,
                        null, null, null, Instant.now(), null, List.of(item), item.amount());
                long start = System.nanoTime();
                finder.hits(claim);
                if (i >= 200) {
                    times.add(Duration.ofNanos(System.nanoTime() - start));
                }
            }
            return LatencySummary.of(times);
        } finally {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement sql = connection.createStatement()) {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double ms(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
