package org.agencyworkspace.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for tests: parses what an export wrote the way a spreadsheet program
 * would, and fails on anything malformed (a quote inside an unquoted cell, text after a closing
 * quote, an unterminated quote, a row not ended by CRLF).
 */
public final class Rfc4180 {

    private Rfc4180() {
    }

    /** The rows of {@code text}, after a leading byte-order mark. */
    public static List<List<String>> read(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        boolean cellStarted = false;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && !cellStarted) {
                i++;
                while (true) {
                    if (i >= csv.length()) {
                        throw new IllegalArgumentException("unterminated quote");
                    }
                    char q = csv.charAt(i);
                    if (q == '"') {
                        if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cell.append(q);
                    i++;
                }
                cellStarted = true;
                if (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                continue;
            }
            if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                cellStarted = false;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("a bare CR at " + i);
                }
                row.add(cell.toString());
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                cellStarted = false;
                i += 2;
            } else if (c == '"' || c == '\n') {
                throw new IllegalArgumentException("an unquoted " + (c == '"' ? "quote" : "LF")
                        + " at " + i);
            } else {
                cell.append(c);
                cellStarted = true;
                i++;
            }
        }
        if (cellStarted || !row.isEmpty()) {
            throw new IllegalArgumentException("the last row is not ended by CRLF");
        }
        return rows;
    }
}
