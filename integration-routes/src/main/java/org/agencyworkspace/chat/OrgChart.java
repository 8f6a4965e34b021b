package org.agencyworkspace.chat;

import java.util.List;
import java.util.Optional;
import org.agencyworkspace.directory.DepartmentTable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The departments as chat needs them, read straight from the {@link DepartmentTable} so the
 * chat beans do not depend on the identity services that provisioning itself depends on.
 */
public class OrgChart {

    private final DepartmentTable departments;

    public OrgChart(JdbcClient jdbc) {
        this.departments = new DepartmentTable(jdbc);
    }

    public List<String> departmentCodes() {
        return departments.codes();
    }

    /** "資訊處 Information Technology Division", or empty for an unknown code. */
    public Optional<String> departmentName(String code) {
        return departments.find(code)
                .map(names -> (nonNull(names.nameZh()) + " " + nonNull(names.nameEn())).strip());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
