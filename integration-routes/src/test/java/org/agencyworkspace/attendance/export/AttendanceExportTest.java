package org.agencyworkspace.attendance.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agencyworkspace.platform.csv.Csv;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The export formats: seeded CSV round trips (shared writer) through an RFC 4180 reader, and XLSX read back. */
class AttendanceExportTest {

    private static final long SEED = 15L;
    private static final String ALPHABET = "ab,\"\n\r 中文補登=+-@\t'0\uFF1D";

    @Test
    void seededRowsSurviveTheCsvRoundTripExceptFormulaStartsWhichAreNeutralised() {
        Random random = new Random(SEED);
        for (int round = 0; round < 500; round++) {
            List<List<String>> rows = randomRows(random);

            List<List<String>> read = readCsv(new String(AttendanceExport.csv(rows), StandardCharsets.UTF_8));

            assertThat(read.get(0)).isEqualTo(AttendanceExport.COLUMNS);
            assertThat(read.subList(1, read.size())).isEqualTo(rows.stream()
                    .map(row -> row.stream().map(cell -> Csv.startsFormula(cell) ? "'" + cell : cell).toList())
                    .toList());
        }
    }

    @Test
    void theCsvStartsWithAByteOrderMarkAndTheHeaderAndEndsLinesWithCrLf() {
        byte[] csv = AttendanceExport.csv(List.of(List.of("alice", "陳雅婷", "=HYPERLINK(\"x\")")));
        String text = new String(csv, StandardCharsets.UTF_8);

        assertThat(text).startsWith("\uFEFFlogin,name,department,date,")
                .endsWith("\r\nalice,陳雅婷,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    }

    @Test
    void theXlsxHoldsTheSameTextCellsAsTheCsv() throws IOException {
        List<List<String>> rows = randomRows(new Random(SEED));

        byte[] xlsx = AttendanceExport.xlsx(YearMonth.of(2026, 12), rows);

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("2026-12");
            List<List<String>> read = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(row.getCell(c).getStringCellValue());
                }
                read.add(cells);
            }
            assertThat(read.get(0)).isEqualTo(AttendanceExport.COLUMNS);
            assertThat(read.subList(1, read.size())).isEqualTo(rows);
        }
    }

    private static List<List<String>> randomRows(Random random) {
        List<List<String>> rows = new ArrayList<>();
        int count = random.nextInt(6);
        for (int r = 0; r < count; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < AttendanceExport.COLUMNS.size(); c++) {
                StringBuilder field = new StringBuilder();
                int length = random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    field.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                row.add(field.toString());
            }
            rows.add(row);
        }
        return rows;
    }

    /** An RFC 4180 reader written from the RFC, independent of the writer. */
    private static List<List<String>> readCsv(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(row).isEmpty();
        return rows;
    }
}
