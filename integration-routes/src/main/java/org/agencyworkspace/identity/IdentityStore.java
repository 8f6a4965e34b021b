package org.agencyworkspace.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code identity} tables. Callers hold the transaction. */
@Repository
public class IdentityStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public IdentityStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An identity by id, unless deleted. */
    public Optional<Identity> find(String id) {
        return jdbc.sql("SELECT * FROM identity WHERE id = :id AND status <> 'DELETED'")
                .param("id", id).query(this::row).optional().map(this::withMemberships);
    }

    /** An identity by id, deleted ones included. */
    public Optional<Identity> findIncludingDeleted(String id) {
        return jdbc.sql("SELECT * FROM identity WHERE id = :id").param("id", id)
                .query(this::row).optional().map(this::withMemberships);
    }

    /** An identity by user name, deleted ones included (a name is never reused silently). */
    public Optional<Identity> findByUserName(String userName) {
        return jdbc.sql("SELECT * FROM identity WHERE username = :name").param("name", userName)
                .query(this::row).optional().map(this::withMemberships);
    }

    /** Identities that are not deleted whose external id is the given one. */
    public List<Identity> findByExternalId(String externalId) {
        return jdbc.sql("SELECT * FROM identity WHERE external_id = :ext AND status <> 'DELETED' "
                        + "ORDER BY username")
                .param("ext", externalId).query(this::row).list().stream().map(this::withMemberships).toList();
    }

    /** The identity that {@code source} knows by its own id {@code externalId}, unless deleted. */
    public Optional<Identity> findFromSource(String source, String externalId) {
        return findByExternalId(externalId).stream()
                .filter(identity -> source.equals(identity.source())).findFirst();
    }

    /**
     * Every identity that is not deleted, by user name. Memberships are read in two queries for
     * all of them, not two per person: SCIM lists and filter scans call this.
     */
    public List<Identity> all() {
        return list("WHERE status <> 'DELETED'");
    }

    /** Every identity, deleted ones included, by user name: what reconciliation compares. */
    public List<Identity> allIncludingDeleted() {
        return list("");
    }

    private List<Identity> list(String where) {
        Map<String, List<String>> departments = membershipsOfAll(
                "SELECT identity_id, department_code FROM identity_department");
        Map<String, List<String>> roles = membershipsOfAll(
                "SELECT identity_id, role FROM identity_role");
        return jdbc.sql("SELECT * FROM identity " + where + " ORDER BY username")
                .query((row, index) -> map(row,
                        departments.getOrDefault(row.getString("id"), List.of()),
                        roles.getOrDefault(row.getString("id"), List.of())))
                .list();
    }

    private Map<String, List<String>> membershipsOfAll(String sql) {
        Map<String, List<String>> byIdentity = new HashMap<>();
        jdbc.sql(sql).query((ResultSet row) -> {
            byIdentity.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2));
        });
        return byIdentity;
    }

    public void insert(String id, String source, Identity.Status status, IdentityDraft draft) {
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO identity (id, username, external_id, source, given_name, family_name,
                    display_name_en, display_name_zh, email, phone, clearance, status, version,
                    created_at, updated_at)
                VALUES (:id, :username, :externalId, :source, :given, :family, :en, :zh, :email,
                    :phone, :clearance, :status, 1, :now, :now)
                """)
                .param("id", id).param("username", draft.userName())
                .param("externalId", draft.externalId()).param("source", source)
                .param("given", draft.givenName()).param("family", draft.familyName())
                .param("en", draft.displayNameEn()).param("zh", draft.displayNameZh())
                .param("email", draft.email()).param("phone", draft.phone())
                .param("clearance", draft.clearance()).param("status", status.name())
                .param("now", now).update();
        writeMemberships(id, draft);
    }

    /** Replaces every attribute and raises the version. */
    public void update(String id, Identity.Status status, IdentityDraft draft) {
        jdbc.sql("""
                UPDATE identity SET username = :username, external_id = :externalId,
                    given_name = :given, family_name = :family, display_name_en = :en,
                    display_name_zh = :zh, email = :email, phone = :phone, clearance = :clearance,
                    status = :status, version = version + 1, updated_at = :now
                WHERE id = :id
                """)
                .param("id", id).param("username", draft.userName())
                .param("externalId", draft.externalId())
                .param("given", draft.givenName()).param("family", draft.familyName())
                .param("en", draft.displayNameEn()).param("zh", draft.displayNameZh())
                .param("email", draft.email()).param("phone", draft.phone())
                .param("clearance", draft.clearance()).param("status", status.name())
                .param("now", now()).update();
        jdbc.sql("DELETE FROM identity_department WHERE identity_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM identity_role WHERE identity_id = :id").param("id", id).update();
        writeMemberships(id, draft);
    }

    private void writeMemberships(String id, IdentityDraft draft) {
        for (String department : draft.departments()) {
            jdbc.sql("INSERT INTO identity_department (identity_id, department_code) VALUES (:id, :d)")
                    .param("id", id).param("d", department).update();
        }
        for (String role : draft.roles()) {
            jdbc.sql("INSERT INTO identity_role (identity_id, role) VALUES (:id, :r)")
                    .param("id", id).param("r", role).update();
        }
    }

    /** The identity's own row; {@link #withMemberships} completes it. */
    private Identity row(ResultSet row, int index) throws SQLException {
        return map(row, List.of(), List.of());
    }

    /**
     * The identity with its departments and roles, read after its row: asking for them while
     * the row was still being read held one pooled connection and waited for a second (issue 22).
     */
    private Identity withMemberships(Identity identity) {
        IdentityDraft draft = identity.attributes();
        return new Identity(identity.id(), identity.source(), identity.status(), identity.version(),
                identity.created(), identity.lastModified(), new IdentityDraft(draft.userName(),
                        draft.externalId(), draft.givenName(), draft.familyName(), draft.displayNameEn(),
                        draft.displayNameZh(), draft.email(), draft.phone(),
                        jdbc.sql("SELECT department_code FROM identity_department WHERE identity_id = :id")
                                .param("id", identity.id()).query(String.class).list(),
                        jdbc.sql("SELECT role FROM identity_role WHERE identity_id = :id")
                                .param("id", identity.id()).query(String.class).list(),
                        draft.clearance(), draft.active()));
    }

    private static Identity map(ResultSet row, List<String> departments, List<String> roles)
            throws SQLException {
        String id = row.getString("id");
        Identity.Status status = Identity.Status.valueOf(row.getString("status"));
        IdentityDraft draft = new IdentityDraft(row.getString("username"),
                row.getString("external_id"), row.getString("given_name"),
                row.getString("family_name"), row.getString("display_name_en"),
                row.getString("display_name_zh"), row.getString("email"), row.getString("phone"),
                departments, roles, row.getString("clearance"), status == Identity.Status.ACTIVE);
        return new Identity(id, row.getString("source"), status, row.getLong("version"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(), draft);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
