package org.agencyworkspace.chat;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The departments as chat needs them, read straight from the {@code department} table so the
 * chat beans do not depend on the identity services that provisioning itself depends on.
 */
public class OrgChart {

    private final JdbcClient jdbc;

    public OrgChart(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> departmentCodes() {
        return jdbc.sql("SELECT code FROM department ORDER BY code").query(String.class).list();
    }

    /** "資訊處 Information Technology Division", or empty for an unknown code. */
    public Optional<String> departmentName(String code) {
        return jdbc.sql("SELECT name_zh, name_en FROM department WHERE code = :code")
                .param("code", code)
                .query((row, index) -> (nonNull(row.getString("name_zh")) + " "
                        + nonNull(row.getString("name_en"))).strip())
                .optional();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
