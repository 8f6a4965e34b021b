package org.agencyworkspace.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agencyworkspace.support.Rfc4180;
import org.junit.jupiter.api.Test;

class CsvTest {

    /** Characters that matter to CSV and to spreadsheet formulas, and some that do not. */
    private static final String ALPHABET = "=+-@\t\r\n\",;' a1密\uFF1D\uFF0B\uFF0D\uFF20\uFEFF";

    @Test
    void everyValueRoundTripsThroughAStrictReaderAndNoCellStartsAFormula() {
        Random random = new Random(20261207L);
        for (int round = 0; round < 2_000; round++) {
            int columns = 1 + random.nextInt(5);
            List<String> header = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                header.add("h" + c);
            }
            List<List<String>> rows = new ArrayList<>();
            for (int r = random.nextInt(4); r > 0; r--) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    row.add(value(random));
                }
                rows.add(row);
            }

            List<List<String>> read = Rfc4180.read(Csv.write(header, rows));

            assertThat(read.get(0)).isEqualTo(header);
            assertThat(read.subList(1, read.size())).as("round %d of %s", round, rows)
                    .isEqualTo(rows.stream().map(row -> row.stream().map(CsvTest::expected).toList())
                            .toList());
            read.stream().flatMap(List::stream).forEach(cell ->
                    assertThat(Csv.startsFormula(cell)).as("cell %s", cell).isFalse());
        }
    }

    @Test
    void aPlainValueIsWrittenAsItIs() {
        assertThat(Csv.cell("id")).isEqualTo("id");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    /** What a reader gets back: the value, behind an apostrophe when it would start a formula. */
    private static String expected(String value) {
        return value.isEmpty() ? "" : Csv.startsFormula(value) ? "'" + value : value;
    }

    private static String value(Random random) {
        StringBuilder value = new StringBuilder();
        for (int length = random.nextInt(6); length > 0; length--) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }
}
