package org.agencyworkspace.meetings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the action items (待辦事項) table of a meeting's minutes: the Markdown table under the
 * heading that names them, one row per item, columns item, owner (a login), due date
 * ({@code yyyy-MM-dd}, may be empty) and decision by (a role or department that must decide, or
 * empty for a plain task). The minutes are a file people edit freely, so anything may be in it:
 * rows that are not table rows end the table, cells may hold escaped pipes ({@code \|}).
 */
final class ActionItems {

    /**
     * One row as written.
     *
     * @param row its number in the table, from 1, for messages
     * @param item what is to be done
     * @param owner who does it
     * @param due by when, as written
     * @param decisionBy the role or department that decides, or empty
     */
    record Row(int row, String item, String owner, String due, String decisionBy) {
    }

    static final int MAX_ROWS = 200;

    private ActionItems() {
    }

    static List<Row> read(String minutes) {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        boolean header = true;
        for (String rawLine : minutes.split("\r?\n", -1)) {
            String line = rawLine.strip();
            if (line.startsWith("#")) {
                String heading = line.toLowerCase(Locale.ROOT);
                inSection = heading.contains("action items") || heading.contains("待辦事項");
                header = true;
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                if (inSection && !header && !line.isEmpty()) {
                    inSection = false;
                }
                continue;
            }
            List<String> cells = cells(line);
            if (header) {
                header = false;
                continue;
            }
            if (cells.stream().allMatch(cell -> cell.isEmpty() || cell.matches(":?-+:?"))) {
                continue;
            }
            if (rows.size() == MAX_ROWS) {
                break;
            }
            rows.add(new Row(rows.size() + 1, cell(cells, 0), cell(cells, 1), cell(cells, 2), cell(cells, 3)));
        }
        return rows;
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : "";
    }

    /** The cells between the outer pipes, unescaping {@code \|}. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!cell.toString().isBlank()) {
            cells.add(cell.toString().strip());
        }
        return cells;
    }
}
