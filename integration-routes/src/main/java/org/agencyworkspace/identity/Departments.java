package org.agencyworkspace.identity;

import static org.agencyworkspace.identity.IdentityRejectedException.Reason.INVALID_VALUE;
import static org.agencyworkspace.identity.IdentityRejectedException.Reason.NOT_FOUND;
import static org.agencyworkspace.identity.IdentityRejectedException.Reason.UNIQUENESS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.agencyworkspace.directory.DepartmentTable;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agency's departments (SCIM Groups) and who belongs to them. Membership lives on the
 * identities, so changing a department's members is a change of each member, checked, queued
 * and audited like any other.
 */
@Service
public class Departments {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * A department.
     *
     * @param code short stable code, also the group id
     * @param nameEn name in English
     * @param nameZh name in Chinese
     * @param members its members, by user name
     */
    public record Department(String code, String nameEn, String nameZh, List<Member> members) {

        public List<String> memberIds() {
            return members.stream().map(Member::id).toList();
        }
    }

    /**
     * A member of a department.
     *
     * @param id identity id
     * @param userName sign-in name
     */
    public record Member(String id, String userName) {
    }

    private final JdbcClient jdbc;
    private final DepartmentTable table;
    private final IdentityStore identities;
    private final IdentityService service;
    private final AuditTrail audit;

    public Departments(JdbcClient jdbc, IdentityStore identities, IdentityService service,
            AuditTrail audit) {
        this.jdbc = jdbc;
        this.table = new DepartmentTable(jdbc);
        this.identities = identities;
        this.service = service;
        this.audit = audit;
    }

    public List<Department> all() {
        return table.codes().stream().map(code -> find(code).orElseThrow()).toList();
    }

    public Optional<Department> find(String code) {
        return table.find(code).map(names -> new Department(names.code(), names.nameEn(), names.nameZh(),
                members(names.code())));
    }

    /** A code made from a name when the client sends none: "Human Resources" → "human-resources". */
    public static String codeFor(String name) {
        String code = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return code.length() > 64 ? code.substring(0, 64) : code;
    }

    /**
     * Creates a department with its members.
     *
     * @throws IdentityRejectedException for a malformed or taken code, or an unknown member
     */
    @Transactional
    public Department create(String code, String nameEn, String nameZh, List<String> memberIds,
            String actor) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IdentityRejectedException(INVALID_VALUE, "department code '" + code
                    + "' must be 1 to 64 lower-case letters, digits or '-'");
        }
        if (nameEn == null || nameEn.isBlank() || nameEn.length() > 200
                || (nameZh != null && nameZh.length() > 200)) {
            throw new IdentityRejectedException(INVALID_VALUE,
                    "displayName is required and at most 200 characters");
        }
        if (find(code).isPresent()) {
            throw new IdentityRejectedException(UNIQUENESS, "department " + code + " already exists");
        }
        table.add(new DepartmentTable.DepartmentNames(code, nameEn.strip(),
                nameZh == null || nameZh.isBlank() ? nameEn.strip() : nameZh.strip()));
        setMembers(code, memberIds, actor);
        record("department.create", actor, code);
        return find(code).orElseThrow();
    }

    /**
     * Renames a department and sets its members to exactly {@code memberIds}.
     *
     * @throws IdentityRejectedException for an unknown department or member
     */
    @Transactional
    public Department replace(String code, String nameEn, String nameZh, List<String> memberIds,
            String actor) {
        Department before = find(code).orElseThrow(() -> unknown(code));
        table.rename(new DepartmentTable.DepartmentNames(code,
                nameEn == null || nameEn.isBlank() ? before.nameEn() : nameEn.strip(),
                nameZh == null || nameZh.isBlank() ? before.nameZh() : nameZh.strip()));
        setMembers(code, memberIds, actor);
        record("department.update", actor, code);
        return find(code).orElseThrow();
    }

    /**
     * Removes an empty department.
     *
     * @throws IdentityRejectedException when it is unknown, or still has members
     */
    @Transactional
    public void delete(String code, String actor) {
        Department department = find(code).orElseThrow(() -> unknown(code));
        long localMembers = jdbc.sql("SELECT COUNT(*) FROM local_account_department "
                + "WHERE department_code = :code").param("code", code).query(Long.class).single();
        if (!department.memberIds().isEmpty() || localMembers > 0) {
            throw new IdentityRejectedException(UNIQUENESS,
                    "department " + code + " still has members; move them first");
        }
        table.remove(code);
        record("department.delete", actor, code);
    }

    private void setMembers(String code, List<String> memberIds, String actor) {
        Set<String> wanted = Set.copyOf(memberIds);
        for (String id : wanted) {
            if (identities.find(id).isEmpty()) {
                throw new IdentityRejectedException(INVALID_VALUE, "unknown member " + id);
            }
        }
        for (String id : find(code).orElseThrow().memberIds()) {
            if (!wanted.contains(id)) {
                Identity member = identities.find(id).orElseThrow();
                List<String> departments = new ArrayList<>(member.departments());
                departments.remove(code);
                service.replace(id, withDepartments(member.attributes(), departments), null, actor);
            }
        }
        for (String id : wanted) {
            Identity member = identities.find(id).orElseThrow();
            if (!member.departments().contains(code)) {
                List<String> departments = new ArrayList<>(member.departments());
                departments.add(code);
                service.replace(id, withDepartments(member.attributes(), departments), null, actor);
            }
        }
    }

    private List<Member> members(String code) {
        return jdbc.sql("""
                SELECT i.id, i.username FROM identity i
                JOIN identity_department d ON d.identity_id = i.id
                WHERE d.department_code = :code AND i.status <> 'DELETED' ORDER BY i.username
                """).param("code", code)
                .query((row, index) -> new Member(row.getString("id"), row.getString("username")))
                .list();
    }

    private static IdentityDraft withDepartments(IdentityDraft person, List<String> departments) {
        return new IdentityDraft(person.userName(), person.externalId(), person.givenName(),
                person.familyName(), person.displayNameEn(), person.displayNameZh(),
                person.email(), person.phone(), departments, person.roles(), person.clearance(),
                person.active());
    }

    private void record(String action, String actor, String code) {
        audit.record(AuditEvent.of(action, "iam").actor(actor, actor).target("department", code)
                .details(Map.of()).build());
    }

    private static IdentityRejectedException unknown(String code) {
        return new IdentityRejectedException(NOT_FOUND, "no group " + code);
    }
}
