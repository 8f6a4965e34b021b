package org.agencyworkspace.identity.syncope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityStore;
import org.agencyworkspace.identity.reconciliation.Drift;
import org.agencyworkspace.identity.reconciliation.ReconciledSource;
import org.agencyworkspace.identity.syncope.FakeSyncope.User;
import org.agencyworkspace.platform.deadletter.DeadLetter;
import org.agencyworkspace.platform.deadletter.DeadLetterReplayer;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Syncope change polling on the embedded workspace, against {@link FakeSyncope} (Syncope cannot
 * run here): joiners, movers and leavers become identity changes; a refused record is set aside
 * with its reason and key while the others come in, and is closed once Syncope fixes it; polling
 * resumes from the persisted cursor, survives Syncope being down and takes every one of many
 * users changed in the same second.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class SyncopeIdentitySourceIT {

    static final FakeSyncope SYNCOPE = new FakeSyncope();
    /** Syncope's clock: every change is a second after the one before, as in a real feed. */
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-02T01:00:00.250Z"));

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void syncope(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.connectors.syncope.base-url", () -> SYNCOPE.baseUrl().toString());
        registry.add("workspace.connectors.syncope.username", () -> "svc-workspace");
        registry.add("workspace.connectors.syncope.password", () -> "secret");
        // The tests poll themselves; the timer only polls once at start.
        registry.add("workspace.connectors.syncope.poll-interval", () -> "1h");
        registry.add("workspace.connectors.syncope.page-size", () -> "2");
        registry.add("workspace.retry.max-redeliveries", () -> "1");
        registry.add("workspace.retry.initial-delay", () -> "10ms");
    }

    @Autowired
    SyncopeIdentitySource source;
    @Autowired
    IdentityStore identities;
    @Autowired
    DeadLetterStore deadLetters;
    @Autowired
    DeadLetterReplayer replayer;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate producer;

    /** One poll through the poll route, as the timer starts it; returns when it is done. */
    void poll() {
        producer.requestBody(SyncopeIdentitySource.POLL_ENDPOINT, (Object) null);
    }

    @AfterAll
    static void stop() {
        SYNCOPE.close();
    }

    @Test
    void joinerMoverAndLeaverBecomeIdentityChanges() {
        User ann = user("ann.chen", "it", "ann.chen@agency.gov.tw", false, List.of("manager"));
        SYNCOPE.put(ann);
        poll();

        Identity joined = identities.findByUserName("ann.chen").orElseThrow();
        assertThat(joined.source()).isEqualTo("syncope");
        assertThat(joined.active()).isTrue();
        assertThat(joined.attributes().externalId()).isEqualTo(ann.key());
        assertThat(joined.attributes().departments()).containsExactly("it");
        assertThat(joined.attributes().roles()).containsExactly("manager");
        assertThat(joined.attributes().clearance()).isEqualTo("secret");
        assertThat(joined.attributes().displayNameZh()).isEqualTo("陳安");
        assertThat(joined.attributes().givenName()).isEqualTo("Ann");
        assertThat(changes(joined.id())).containsExactly("JOIN");

        SYNCOPE.put(changed(ann, "personnel", false));
        poll();
        assertThat(identities.findByUserName("ann.chen").orElseThrow().departments())
                .containsExactly("personnel");

        SYNCOPE.put(changed(ann, "personnel", true));
        poll();
        assertThat(identities.findByUserName("ann.chen").orElseThrow().status())
                .isEqualTo(Identity.Status.INACTIVE);
        assertThat(changes(joined.id())).containsExactly("JOIN", "MOVE", "LEAVE");

        // Reading the same records again changes nothing.
        poll();
        assertThat(changes(joined.id())).hasSize(3);
    }

    @Test
    void aRefusedRecordIsSetAsideWhileTheOthersComeInAndClosedOnceFixed() {
        User noEmail = user("bo.lin", "it", null, false, List.of());
        User unknownDepartment = user("cai.wu", "no-such-division", "cai.wu@agency.gov.tw", false,
                List.of());
        User fine = user("dan.hsu", "it", "dan.hsu@agency.gov.tw", false, List.of());
        SYNCOPE.put(noEmail);
        SYNCOPE.put(unknownDepartment);
        SYNCOPE.put(fine);

        poll();

        assertThat(identities.findByUserName("dan.hsu")).isPresent();
        assertThat(identities.findByUserName("bo.lin")).isEmpty();
        assertThat(identities.findByUserName("cai.wu")).isEmpty();
        DeadLetter missingEmail = openLetterFor(noEmail.key());
        assertThat(missingEmail.exceptionMessage())
                .contains("Syncope user bo.lin", noEmail.key(), "email is required");
        assertThat(openLetterFor(unknownDepartment.key()).exceptionMessage())
                .contains("cai.wu", "unknown department 'no-such-division'");

        // An operator replays before Syncope is fixed: it fails again, still open.
        assertThat(replayer.replay(missingEmail.id(), "operator"))
                .isEqualTo(DeadLetterReplayer.Result.FAILED_AGAIN);
        // Syncope's record is fixed: the next poll imports it and closes its dead letter.
        SYNCOPE.put(withEmail(noEmail, "bo.lin@agency.gov.tw"));
        poll();
        assertThat(identities.findByUserName("bo.lin")).isPresent();
        assertThat(deadLetters.find(missingEmail.id()).orElseThrow().status())
                .isEqualTo(DeadLetter.Status.REPLAYED);
        assertThat(openLetterFor(unknownDepartment.key())).isNotNull();
    }

    @Test
    void takesEveryUserChangedInTheSameSecondAcrossPages() {
        Instant second = NOW.updateAndGet(now -> now.plusSeconds(5));
        List<String> names = List.of("e1.same", "e2.same", "e3.same", "e4.same", "e5.same");
        for (String name : names) {
            SYNCOPE.put(new User(UUID.randomUUID().toString(), name, second, false,
                    attributes(name + "@agency.gov.tw", "it"), List.of()));
        }
        poll();

        assertThat(names).allSatisfy(name -> assertThat(identities.findByUserName(name)).isPresent());
        assertThat(jdbc.sql("SELECT extra FROM audit_cursor WHERE name = 'identity-source:syncope'")
                .query(String.class).single()).isEqualTo("e5.same");
    }

    @Test
    void resumesFromThePersistedCursorAndSurvivesSyncopeBeingDown() {
        SYNCOPE.put(user("fay.kuo", "it", "fay.kuo@agency.gov.tw", false, List.of()));
        poll();
        Instant cursor = Instant.EPOCH.plus(jdbc.sql(
                "SELECT position FROM audit_cursor WHERE name = 'identity-source:syncope'")
                .query(Long.class).single(), ChronoUnit.MICROS);

        SYNCOPE.down(true);
        User whileDown = user("gus.yeh", "it", "gus.yeh@agency.gov.tw", false, List.of());
        SYNCOPE.put(whileDown);
        poll();
        assertThat(identities.findByUserName("gus.yeh")).isEmpty();

        SYNCOPE.down(false);
        poll();
        assertThat(identities.findByUserName("gus.yeh")).isPresent();
        // Each poll asks only for what changed since the cursor's second.
        assertThat(SYNCOPE.searches().get(SYNCOPE.searches().size() - 1))
                .startsWith("lastChangeDate=ge=" + DateTimeFormatter
                        .ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC)
                        .format(cursor));
    }

    @Test
    void aUserDeletedInSyncopeLeavesWhenItsDeadLetterIsReplayedOrReconciled() {
        User gone = user("hal.tsai", "it", "hal.tsai@agency.gov.tw", false, List.of());
        SYNCOPE.put(gone);
        poll();
        SYNCOPE.remove(gone.key());

        source.importUser(gone.key(), null);

        assertThat(identities.findByUserName("hal.tsai").orElseThrow().status())
                .isEqualTo(Identity.Status.DELETED);
        // An unknown key is recorded, nothing else.
        source.importUser(UUID.randomUUID().toString(), null);
    }

    @Test
    void reconciliationImportsWhatPollingMissedAndRemovesWhatSyncopeDeleted() {
        User kept = user("ian.ho", "it", "ian.ho@agency.gov.tw", false, List.of());
        User deleted = user("jo.lai", "it", "jo.lai@agency.gov.tw", false, List.of());
        SYNCOPE.put(kept);
        SYNCOPE.put(deleted);
        poll();
        SYNCOPE.remove(deleted.key());
        // Changed at a moment the cursor has passed: polling never sees it.
        User missed = new User(UUID.randomUUID().toString(), "kim.ko", Instant.parse("2020-01-01T00:00:00Z"),
                false, attributes("kim.ko@agency.gov.tw", "it"), List.of());
        SYNCOPE.put(missed);
        poll();
        assertThat(identities.findByUserName("kim.ko")).isEmpty();

        ReconciledSource.Comparison report = source.reconcile(true);

        assertThat(report.drift()).filteredOn(item -> List.of("jo.lai", "kim.ko", "ian.ho")
                        .contains(item.userName()))
                .extracting(Drift::userName, Drift::kind, Drift::repair)
                .containsExactlyInAnyOrder(
                        tuple("jo.lai", Drift.Kind.SOURCE_DELETED, Drift.Repair.REPAIRED),
                        tuple("kim.ko", Drift.Kind.SOURCE_CHANGED, Drift.Repair.REPAIRED));
        assertThat(identities.findByUserName("jo.lai").orElseThrow().status())
                .isEqualTo(Identity.Status.DELETED);
        assertThat(identities.findByUserName("kim.ko")).isPresent();
        assertThat(source.reconcile(true).drift()).extracting(Drift::userName)
                .doesNotContain("jo.lai", "kim.ko", "ian.ho");
    }

    private List<String> changes(String identityId) {
        return jdbc.sql("SELECT kind FROM identity_change WHERE identity_id = :id ORDER BY seq")
                .param("id", identityId).query(String.class).list();
    }

    private DeadLetter openLetterFor(String key) {
        return deadLetters.list(DeadLetter.Status.OPEN, 100).stream()
                .filter(letter -> SyncopeIdentitySource.IMPORT_ROUTE_ID.equals(letter.routeId())
                        && key.equals(letter.body()))
                .findFirst().orElseThrow(() -> new AssertionError("no open dead letter for " + key));
    }

    private static User user(String name, String department, String email, boolean suspended,
            List<String> groups) {
        return new User(UUID.randomUUID().toString(), name, tick(), suspended,
                attributes(email, department), groups);
    }

    private static User changed(User user, String department, boolean suspended) {
        Map<String, List<String>> attributes = new HashMap<>(user.attributes());
        attributes.put("department", List.of(department));
        return new User(user.key(), user.username(), tick(), suspended, attributes, user.groups());
    }

    private static User withEmail(User user, String email) {
        Map<String, List<String>> attributes = new HashMap<>(user.attributes());
        attributes.put("email", List.of(email));
        return new User(user.key(), user.username(), tick(), user.suspended(), attributes,
                user.groups());
    }

    private static Map<String, List<String>> attributes(String email, String department) {
        Map<String, List<String>> attributes = new HashMap<>();
        if (email != null) {
            attributes.put("email", List.of(email));
        }
        attributes.put("department", List.of(department));
        attributes.put("clearance", List.of("secret"));
        attributes.put("displayNameZh", List.of("陳安"));
        attributes.put("firstname", List.of("Ann"));
        attributes.put("employmentStatus", List.of("employed"));
        return attributes;
    }

    private static Instant tick() {
        return NOW.updateAndGet(now -> now.plusSeconds(1));
    }
}
