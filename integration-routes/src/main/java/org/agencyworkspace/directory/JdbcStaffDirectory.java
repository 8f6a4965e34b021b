package org.agencyworkspace.directory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link StaffDirectory} over the local account tables. */
@Repository
public class JdbcStaffDirectory implements StaffDirectory {

    private final JdbcClient jdbc;
    private final DepartmentTable departments;

    public JdbcStaffDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.departments = new DepartmentTable(jdbc);
    }

    @Override
    public Optional<StaffMember> find(String login) {
        return jdbc.sql("""
                SELECT username, display_name_en, display_name_zh, preferred_locale, enabled, clearance
                FROM local_account WHERE username = :login
                """)
                .param("login", login)
                .query((row, index) -> new StaffMember(row.getString("username"),
                        row.getString("display_name_en"), row.getString("display_name_zh"),
                        Optional.ofNullable(row.getString("preferred_locale"))
                                .map(Locale::forLanguageTag),
                        row.getBoolean("enabled"), row.getString("clearance"),
                        jdbc.sql("SELECT department_code FROM local_account_department "
                                        + "WHERE username = :login ORDER BY 1")
                                .param("login", login).query(String.class).list()))
                .optional();
    }

    @Override
    public List<String> membersOf(String group) {
        return jdbc.sql("""
                SELECT username FROM local_account_department WHERE department_code = :group
                UNION
                SELECT username FROM local_account_role WHERE role = :group
                ORDER BY 1
                """)
                .param("group", group)
                .query(String.class)
                .list();
    }

    @Override
    public boolean groupExists(String group) {
        return departments.exists(group) || jdbc.sql(
                        "SELECT COUNT(*) FROM local_account_role WHERE role = :group")
                .param("group", group)
                .query(Long.class)
                .single() > 0;
    }
}
