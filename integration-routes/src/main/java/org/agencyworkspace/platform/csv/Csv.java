package org.agencyworkspace.platform.csv;

import java.util.List;

/**
 * The one CSV writer of the workspace's exports: RFC 4180 (CRLF rows, a cell quoted when it holds
 * a quote, comma, CR or LF, quotes doubled), UTF-8 with a byte-order mark so spreadsheet programs
 * read CJK. A cell a spreadsheet program would run as a formula gets a leading apostrophe (OWASP
 * "CSV injection").
 */
public final class Csv {

    /**
     * What a spreadsheet program may take as the start of a formula: = + - @, a tab or a carriage
     * return before one, and the full-width forms some programs treat the same way in CJK locales.
     */
    private static final String FORMULA_TRIGGERS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private Csv() {
    }

    /** A whole document: the header row, then one row per entry of {@code rows}. */
    public static String write(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        row(csv, header);
        rows.forEach(values -> row(csv, values));
        return csv.toString();
    }

    /** One cell as written: null is empty, a formula is defused, quoted where RFC 4180 needs it. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = startsFormula(value) ? "'" + value : value;
        boolean quote = safe.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** Whether a spreadsheet program could read {@code value} as a formula. */
    public static boolean startsFormula(String value) {
        return !value.isEmpty() && FORMULA_TRIGGERS.indexOf(value.charAt(0)) >= 0;
    }

    private static void row(StringBuilder csv, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(values.get(i)));
        }
        csv.append("\r\n");
    }
}
