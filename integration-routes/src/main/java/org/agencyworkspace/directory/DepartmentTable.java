package org.agencyworkspace.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the {@code department} table: every capability reads and writes departments
 * through here. Who may change them, and the audit of it, is the identity capability's
 * ({@code identity.Departments}); membership lives on the identities and local accounts.
 */
@Repository
public class DepartmentTable {

    /**
     * A department's names.
     *
     * @param code short stable code, also the group id
     * @param nameEn name in English
     * @param nameZh name in Chinese
     */
    public record DepartmentNames(String code, String nameEn, String nameZh) {
    }

    private final JdbcClient jdbc;

    public DepartmentTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every department's code, in order. */
    public List<String> codes() {
        return jdbc.sql("SELECT code FROM department ORDER BY code").query(String.class).list();
    }

    public Optional<DepartmentNames> find(String code) {
        return jdbc.sql("SELECT code, name_en, name_zh FROM department WHERE code = :code")
                .param("code", code)
                .query((row, index) -> new DepartmentNames(row.getString("code"), row.getString("name_en"),
                        row.getString("name_zh")))
                .optional();
    }

    public boolean exists(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM department WHERE code = :code").param("code", code)
                .query(Long.class).single() > 0;
    }

    public void add(DepartmentNames department) {
        jdbc.sql("INSERT INTO department (code, name_en, name_zh) VALUES (:code, :en, :zh)")
                .param("code", department.code())
                .param("en", department.nameEn())
                .param("zh", department.nameZh())
                .update();
    }

    /** Adds a department named by its code unless it exists (a local account names a new one). */
    public void addIfMissing(String code) {
        jdbc.sql("""
                INSERT INTO department (code, name_en, name_zh)
                SELECT :code, :code, :code WHERE NOT EXISTS
                    (SELECT 1 FROM department WHERE code = :code)
                """).param("code", code).update();
    }

    public void rename(DepartmentNames department) {
        jdbc.sql("UPDATE department SET name_en = :en, name_zh = :zh WHERE code = :code")
                .param("code", department.code())
                .param("en", department.nameEn())
                .param("zh", department.nameZh())
                .update();
    }

    public void remove(String code) {
        jdbc.sql("DELETE FROM department WHERE code = :code").param("code", code).update();
    }
}
