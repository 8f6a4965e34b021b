package org.agencyworkspace.security.local;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.agencyworkspace.directory.DepartmentTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code local_account} tables. */
@Repository
public class LocalAccounts {

    /**
     * A department of the agency.
     *
     * @param code short code used as a group name
     * @param nameEn name in English
     * @param nameZh name in Chinese
     */
    public record Department(String code, String nameEn, String nameZh) {
    }

    /** Password column of accounts that only sign in through single sign-on. */
    static final String SINGLE_SIGN_ON_ONLY = "!single-sign-on";

    private final JdbcClient jdbc;
    private final DepartmentTable departments;
    private final Clock clock;

    public LocalAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.departments = new DepartmentTable(jdbc);
        this.clock = clock;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM local_account").query(Long.class).single();
    }

    /** Every account's login and whether it is enabled, by login. */
    public Map<String, Boolean> enabledByLogin() {
        Map<String, Boolean> accounts = new TreeMap<>();
        jdbc.sql("SELECT username, enabled FROM local_account").query((ResultSet row) -> {
            accounts.put(row.getString("username"), row.getBoolean("enabled"));
        });
        return accounts;
    }

    /**
     * The account with its roles and departments. Three queries one after another, each with
     * its own connection from the pool and done with it before the next: asking for the roles
     * while the account's row is still being read held one connection and waited for a second,
     * and every request's session check does this (issue 22: at 200 people all ten pooled
     * connections were held by requests waiting for a second one).
     */
    public Optional<LocalAccount> find(String login) {
        return jdbc.sql("SELECT * FROM local_account WHERE username = :login")
                .param("login", login)
                .query(this::map)
                .optional()
                .map(account -> withMemberships(account,
                        jdbc.sql("SELECT role FROM local_account_role WHERE username = :login ORDER BY role")
                                .param("login", login).query(String.class).list(),
                        jdbc.sql("SELECT department_code FROM local_account_department "
                                        + "WHERE username = :login ORDER BY department_code")
                                .param("login", login).query(String.class).list()));
    }

    @Transactional
    public void addDepartment(Department department) {
        departments.add(new DepartmentTable.DepartmentNames(department.code(), department.nameEn(),
                department.nameZh()));
    }

    /** Creates the account with its roles and departments; TOTP is enrolled at first sign-in. */
    @Transactional
    public void create(LocalAccount account) {
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO local_account (username, display_name_en, display_name_zh, email,
                    password_hash, clearance, enabled, failed_attempts, created_at, updated_at)
                VALUES (:login, :en, :zh, :email, :hash, :clearance, :enabled, 0, :now, :now)
                """)
                .param("login", account.login())
                .param("en", account.displayNameEn())
                .param("zh", account.displayNameZh())
                .param("email", account.email())
                .param("hash", account.passwordHash())
                .param("clearance", account.clearance())
                .param("enabled", account.enabled())
                .param("now", now)
                .update();
        for (String role : account.roles()) {
            jdbc.sql("INSERT INTO local_account_role (username, role) VALUES (:login, :role)")
                    .param("login", account.login()).param("role", role).update();
        }
        for (String department : account.departments()) {
            jdbc.sql("INSERT INTO local_account_department (username, department_code) "
                            + "VALUES (:login, :department)")
                    .param("login", account.login()).param("department", department).update();
        }
    }

    /**
     * Records a person who signed in through single sign-on, so the staff directory (groups,
     * languages) knows them: creates the row or refreshes names, clearance, roles and
     * departments from the token. Such a row has no usable password: local sign-in is off in
     * that mode, and even if it were turned on the marker never matches a bcrypt check.
     */
    public void rememberSingleSignOn(String login, String displayName, String email,
            String clearance, List<String> roles, List<String> departments) {
        rememberFromSource(login, displayName, displayName, email, clearance, roles, departments,
                true);
    }

    /**
     * Makes the directory entry of a person match what an identity source says: creates it
     * (without a usable password) or refreshes names, clearance, roles, departments and whether
     * the person may sign in. Unknown departments are added by code.
     */
    @Transactional
    public void rememberFromSource(String login, String displayNameEn, String displayNameZh,
            String email, String clearance, List<String> roles, List<String> departments,
            boolean enabled) {
        OffsetDateTime now = now();
        int updated = jdbc.sql("""
                UPDATE local_account SET display_name_en = :en, display_name_zh = :zh,
                    email = :email, clearance = :clearance, enabled = :enabled, updated_at = :now
                WHERE username = :login
                """)
                .param("en", displayNameEn).param("zh", displayNameZh).param("email", email)
                .param("clearance", clearance).param("enabled", enabled)
                .param("now", now).param("login", login).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO local_account (username, display_name_en, display_name_zh, email,
                        password_hash, clearance, enabled, failed_attempts, created_at, updated_at)
                    VALUES (:login, :en, :zh, :email, :noPassword, :clearance, :enabled, 0, :now, :now)
                    """)
                    .param("login", login).param("en", displayNameEn).param("zh", displayNameZh)
                    .param("email", email).param("noPassword", SINGLE_SIGN_ON_ONLY)
                    .param("clearance", clearance).param("enabled", enabled)
                    .param("now", now).update();
        }
        jdbc.sql("DELETE FROM local_account_role WHERE username = :login").param("login", login)
                .update();
        jdbc.sql("DELETE FROM local_account_department WHERE username = :login")
                .param("login", login).update();
        for (String role : roles) {
            jdbc.sql("INSERT INTO local_account_role (username, role) VALUES (:login, :role)")
                    .param("login", login).param("role", role).update();
        }
        for (String department : departments) {
            this.departments.addIfMissing(department);
            jdbc.sql("INSERT INTO local_account_department (username, department_code) "
                            + "VALUES (:login, :department)")
                    .param("login", login).param("department", department).update();
        }
    }

    /**
     * Takes access away from an account and nothing more: switches it off, or removes roles
     * and sets a clearance, as a revocation does before the rest of a change is applied.
     *
     * @param enabled false to switch the account off; true leaves it as it is
     * @param clearance the new clearance, or null to keep it
     * @param lostRoles roles to remove
     */
    @Transactional
    public void restrict(String login, boolean enabled, String clearance,
            java.util.Collection<String> lostRoles) {
        if (!enabled) {
            jdbc.sql("UPDATE local_account SET enabled = FALSE, updated_at = :now WHERE username = :login")
                    .param("now", now()).param("login", login).update();
        }
        if (clearance != null) {
            jdbc.sql("UPDATE local_account SET clearance = :clearance, updated_at = :now "
                            + "WHERE username = :login")
                    .param("clearance", clearance).param("now", now()).param("login", login)
                    .update();
        }
        for (String role : lostRoles) {
            jdbc.sql("DELETE FROM local_account_role WHERE username = :login AND role = :role")
                    .param("login", login).param("role", role).update();
        }
    }

    /**
     * Counts a failed sign-in and locks the account when {@code maxFailures} is reached.
     *
     * @return whether this failure locked the account
     */
    @Transactional
    public boolean recordFailure(String login, int maxFailures, java.time.Duration lockout) {
        jdbc.sql("UPDATE local_account SET failed_attempts = failed_attempts + 1, updated_at = :now "
                        + "WHERE username = :login")
                .param("login", login).param("now", now()).update();
        return jdbc.sql("""
                UPDATE local_account SET locked_until = :until, failed_attempts = 0
                WHERE username = :login AND failed_attempts >= :max
                """)
                .param("until", clock.instant().plus(lockout).atOffset(ZoneOffset.UTC))
                .param("login", login)
                .param("max", maxFailures)
                .update() == 1;
    }

    /** A complete sign-in clears the failure count. */
    public void recordSuccess(String login) {
        jdbc.sql("UPDATE local_account SET failed_attempts = 0, locked_until = NULL, "
                        + "updated_at = :now WHERE username = :login")
                .param("login", login).param("now", now()).update();
    }

    /** Stores the sealed TOTP secret at enrolment, with the step of the code that confirmed it. */
    public void enrolTotp(String login, String encryptedSecret, long step) {
        jdbc.sql("UPDATE local_account SET totp_secret = :secret, totp_last_step = :step, "
                        + "updated_at = :now WHERE username = :login")
                .param("secret", encryptedSecret).param("step", step)
                .param("now", now()).param("login", login).update();
    }

    /** Forgets the enrolled authenticator: the person enrols again, with an enrolment code. */
    public void forgetTotp(String login) {
        jdbc.sql("UPDATE local_account SET totp_secret = NULL, totp_last_step = NULL, "
                        + "updated_at = :now WHERE username = :login")
                .param("now", now()).param("login", login).update();
    }

    /**
     * Accepts a TOTP step once: only if it is newer than the last accepted one.
     *
     * @return false when the step was already used (a replayed code)
     */
    public boolean acceptTotpStep(String login, long step) {
        return jdbc.sql("""
                UPDATE local_account SET totp_last_step = :step, updated_at = :now
                WHERE username = :login AND (totp_last_step IS NULL OR totp_last_step < :step)
                """)
                .param("step", step).param("now", now()).param("login", login)
                .update() == 1;
    }

    private static LocalAccount withMemberships(LocalAccount account, List<String> roles,
            List<String> departments) {
        return new LocalAccount(account.login(), account.displayNameEn(), account.displayNameZh(),
                account.email(), account.passwordHash(), account.encryptedTotpSecret(),
                account.totpLastStep(), account.clearance(), roles, departments, account.enabled(),
                account.failedAttempts(), account.lockedUntil());
    }

    /** The account's own row; its roles and departments are read after it ({@link #find}). */
    private LocalAccount map(ResultSet row, int index) throws SQLException {
        String login = row.getString("username");
        OffsetDateTime lockedUntil = row.getObject("locked_until", OffsetDateTime.class);
        long lastStep = row.getLong("totp_last_step");
        Long totpLastStep = row.wasNull() ? null : lastStep;
        return new LocalAccount(login, row.getString("display_name_en"),
                row.getString("display_name_zh"), row.getString("email"),
                row.getString("password_hash"), row.getString("totp_secret"), totpLastStep,
                row.getString("clearance"), List.of(), List.of(), row.getBoolean("enabled"), row.getInt("failed_attempts"),
                lockedUntil == null ? null : lockedUntil.toInstant());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    Instant instantNow() {
        return clock.instant();
    }
}
