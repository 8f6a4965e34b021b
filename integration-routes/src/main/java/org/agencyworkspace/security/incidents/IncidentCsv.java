package org.agencyworkspace.security.incidents;

import java.util.List;
import org.agencyworkspace.platform.csv.Csv;

/** Incidents as CSV, written by the workspace's one CSV writer. */
final class IncidentCsv {

    private static final List<String> HEADER = List.of("id", "rule", "severity", "entity", "title",
            "status", "assignee", "resolution", "first_seen", "last_seen", "evidence");

    private IncidentCsv() {
    }

    static String write(List<Incident> incidents) {
        return Csv.write(HEADER, incidents.stream().map(incident -> List.of(incident.id(),
                incident.ruleId(), incident.severity(), incident.entity(), incident.title(),
                incident.status().name(), nullToEmpty(incident.assignee()),
                nullToEmpty(incident.resolution()), incident.firstSeen().toString(),
                incident.lastSeen().toString(), String.join(" ", incident.evidence()))).toList());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
