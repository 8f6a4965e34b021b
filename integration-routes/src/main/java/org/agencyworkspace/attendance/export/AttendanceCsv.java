package org.agencyworkspace.attendance.export;

import java.util.List;

/**
 * RFC 4180 CSV for the month export, minimal on purpose: the shared CSV helper
 * ({@code platform/csv}) replaces it once merged. Every field is quoted, quotes are doubled,
 * lines end in CRLF, and a field that a spreadsheet would run as a formula gets a leading
 * apostrophe.
 */
final class AttendanceCsv {

    private AttendanceCsv() {
    }

    static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = neutralised(fields.get(i) == null ? "" : fields.get(i));
            out.append('"').append(field.replace("\"", "\"\"")).append('"');
        }
        return out.append("\r\n").toString();
    }

    /** Cells starting with = + - @ (or a tab/CR) would be formulas in a spreadsheet (CWE-1236). */
    static String neutralised(String field) {
        return !field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
    }
}
