package org.agencyworkspace.security.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.agencyworkspace.support.Rfc4180;
import org.junit.jupiter.api.Test;

class IncidentCsvTest {

    @Test
    void aTitleThatIsAFormulaAfterANewlineTabOrCarriageReturnIsDefused() {
        List<String> titles = List.of("=HYPERLINK(\"http://x\")\nsecond line", "\t=1+1", "\r=1+1",
                "-2+3", "@SUM(A1)", "plain, with \"quotes\"");
        List<Incident> incidents = titles.stream().map(IncidentCsvTest::incident).toList();

        List<List<String>> rows = Rfc4180.read(IncidentCsv.write(incidents));

        assertThat(rows).hasSize(titles.size() + 1);
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(4)).containsExactly(
                "'=HYPERLINK(\"http://x\")\nsecond line", "'\t=1+1", "'\r=1+1", "'-2+3",
                "'@SUM(A1)", "plain, with \"quotes\"");
    }

    private static Incident incident(String title) {
        Instant at = Instant.parse("2026-12-07T01:00:00Z");
        return new Incident("i-1", "rule", "HIGH", "user:alice", title, Incident.Status.OPEN, null,
                null, at, at, List.of("e1", "e2"), List.of());
    }
}
