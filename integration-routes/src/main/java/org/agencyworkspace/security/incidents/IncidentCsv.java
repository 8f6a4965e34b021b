package org.agencyworkspace.security.incidents;

import java.util.List;

/** Incidents as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read CJK). */
final class IncidentCsv {

    private IncidentCsv() {
    }

    static String write(List<Incident> incidents) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append("id,rule,severity,entity,title,status,assignee,resolution,first_seen,last_seen,evidence\r\n");
        for (Incident incident : incidents) {
            csv.append(String.join(",", field(incident.id()), field(incident.ruleId()),
                    field(incident.severity()), field(incident.entity()), field(incident.title()),
                    field(incident.status().name()), field(incident.assignee()),
                    field(incident.resolution()), field(incident.firstSeen().toString()),
                    field(incident.lastSeen().toString()), field(String.join(" ", incident.evidence()))))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
