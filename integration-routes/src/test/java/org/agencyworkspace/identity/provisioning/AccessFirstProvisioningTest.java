package org.agencyworkspace.identity.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityEvents;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.identity.IdentityRules;
import org.agencyworkspace.identity.IdentityService;
import org.agencyworkspace.identity.IdentityStore;
import org.agencyworkspace.platform.deadletter.DeadLetterRecorder;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.deadletter.RetryProperties;
import org.agencyworkspace.security.AccessChanged;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Taking access away waits for nothing (issue 12, item 0): the provisioning routes as Camel runs
 * them, on the workspace schema, with two apps that refuse every step of a person except the
 * revocation. The leave, or a lower clearance, still lands in every app within the offboarding
 * target (p95 under 2 s, docs/benchmarks.md).
 */
class AccessFirstProvisioningTest {

    private static final Duration OFFBOARDING_TARGET = Duration.ofSeconds(2);
    private static final Duration SETTLED = Duration.ofSeconds(10);
    private static final RetryProperties NO_RETRIES =
            new RetryProperties(0, Duration.ofMillis(10), 1.0, Duration.ofMillis(10));
    /** A transient failure keeps being retried for about ten seconds. */
    private static final RetryProperties LONG_RETRIES =
            new RetryProperties(100, Duration.ofMillis(100), 1.0, Duration.ofMillis(100));

    private final TestDatabase database = new TestDatabase();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final FakeApp keycloak = new FakeApp("keycloak");
    private final FakeApp matrix = new FakeApp("matrix");
    private final List<String> sessionChecks = new ArrayList<>();
    private CamelContext camel;
    private IdentityService identities;
    private LocalAccounts directory;
    private IdentitySteps steps;

    /** Failed before the fix: the refused move held back the leave in every app. */
    @Test
    void aLeaveLandsEverywhereWhileEveryOtherStepOfThePersonIsRefused() throws Exception {
        start(NO_RETRIES);
        Identity wang = joinAndSettle("wang");
        keycloak.refusePermanently("wang");
        matrix.refusePermanently("wang");

        identities.replace(wang.id(), person("wang", "secret", List.of("staff"), List.of("hr"),
                true), null, "scim:test");
        Awaitility.await().atMost(SETTLED).until(() -> failedSteps() == 2);
        assertThat(deadLetterBodies()).as("each dead letter is the refused step itself, replayable")
                .hasSize(2).allMatch(body -> body.matches("\\d+:(keycloak|matrix)"));
        identities.replace(wang.id(), person("wang", "secret", List.of("staff"), List.of("hr"),
                false), null, "scim:test");

        Awaitility.await().atMost(OFFBOARDING_TARGET).untilAsserted(() -> {
            assertThat(keycloak.account("wang").enabled()).isFalse();
            assertThat(matrix.account("wang").enabled()).isFalse();
            assertThat(directory.find("wang").orElseThrow().enabled()).isFalse();
        });
        assertThat(audit.actions()).contains("identity.revoke");
        assertThat(sessionChecks).contains("wang");
        assertThat(events.published()).extracting(published -> published.payload())
                .containsExactly(
                        new IdentityEvents.Joined("wang", "Xiaoming Wang", List.of("it"), List.of("staff"),
                                "secret"),
                        new IdentityEvents.Moved("wang", List.of("it"), List.of("hr"),
                                List.of("staff"), "secret"),
                        new IdentityEvents.Left("wang", List.of("hr")));
        assertThat(events.published()).allSatisfy(published ->
                assertThat(published.actor()).isEqualTo("scim:test"));
    }

    /** Failed before the fix: the leave waited behind the move's retries. */
    @Test
    void aLeaveDoesNotWaitForTheRetriesOfTheirOtherSteps() throws Exception {
        start(LONG_RETRIES);
        Identity wang = joinAndSettle("wang");
        keycloak.refuseForNow("wang");
        matrix.refuseForNow("wang");

        identities.replace(wang.id(), person("wang", "secret", List.of("staff"), List.of("hr"),
                true), null, "scim:test");
        Awaitility.await().atMost(SETTLED).until(() -> keycloak.refusals() > 1 && matrix.refusals() > 1);
        identities.replace(wang.id(), person("wang", "secret", List.of("staff"), List.of("hr"),
                false), null, "scim:test");

        Awaitility.await().atMost(OFFBOARDING_TARGET).untilAsserted(() -> {
            assertThat(keycloak.account("wang").enabled()).isFalse();
            assertThat(matrix.account("wang").enabled()).isFalse();
        });
    }

    /** Failed before the fix: a lower clearance waited, like a leave, behind a refused step. */
    @Test
    void aLowerClearanceAndALostRoleAreRevokedFirst() throws Exception {
        start(NO_RETRIES);
        Identity chen = identities.create(person("chen", "confidential",
                List.of("security-officer", "staff"), List.of("it"), true), "scim", "scim:test");
        Awaitility.await().atMost(SETTLED).until(() -> keycloak.has("chen") && matrix.has("chen"));
        keycloak.refusePermanently("chen");
        matrix.refusePermanently("chen");

        identities.replace(chen.id(), person("chen", "unmarked", List.of("staff"), List.of("it"),
                true), null, "scim:test");

        Awaitility.await().atMost(OFFBOARDING_TARGET).untilAsserted(() -> {
            assertThat(keycloak.account("chen").clearance()).isEqualTo("unmarked");
            assertThat(keycloak.account("chen").roles()).containsExactly("staff");
            assertThat(keycloak.account("chen").enabled()).isTrue();
            assertThat(directory.find("chen").orElseThrow().clearance()).isEqualTo("unmarked");
            assertThat(directory.find("chen").orElseThrow().roles()).containsExactly("staff");
        });
    }

    /** Failed before the fix: one app's refused join held back the mover in every app. */
    @Test
    void oneAppsRefusalHoldsBackOnlyThatAppsLaterSteps() throws Exception {
        start(NO_RETRIES);
        matrix.refusePermanently("lee");
        Identity lee = identities.create(person("lee", "secret", List.of("staff"), List.of("it"),
                true), "scim", "scim:test");
        Awaitility.await().atMost(SETTLED).until(() -> failedSteps() == 1);

        identities.replace(lee.id(), person("lee", "secret", List.of("staff"), List.of("hr"),
                true), null, "scim:test");

        Awaitility.await().atMost(SETTLED).untilAsserted(() -> {
            assertThat(keycloak.account("lee").departments()).containsExactly("hr");
            assertThat(directory.find("lee").orElseThrow().departments()).containsExactly("hr");
        });
        assertThat(matrix.has("lee")).isFalse();
    }

    @Test
    void aJoinStillRetryingIsSupersededByTheLeaveSoItCannotReEnableTheLeaver() throws Exception {
        start(LONG_RETRIES);
        matrix.refuseForNow("kao");
        Identity kao = identities.create(person("kao", "secret", List.of("staff"), List.of("it"),
                true), "scim", "scim:test");
        Awaitility.await().atMost(SETTLED).until(() -> matrix.refusals() > 1);

        identities.replace(kao.id(), person("kao", "secret", List.of("staff"), List.of("it"),
                false), null, "scim:test");
        matrix.accept("kao");

        Awaitility.await().atMost(SETTLED).untilAsserted(() ->
                assertThat(database.jdbc().sql("SELECT COUNT(*) FROM identity_change "
                        + "WHERE status = 'PENDING'").query(Long.class).single()).isZero());
        assertThat(matrix.applied("kao")).as("the join is never applied after the leave")
                .containsExactly(Kind.LEAVE);
        assertThat(matrix.account("kao").enabled()).isFalse();
        assertThat(keycloak.account("kao").enabled()).isFalse();
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    private Identity joinAndSettle(String login) {
        Identity joined = identities.create(person(login, "secret", List.of("staff"),
                List.of("it"), true), "scim", "scim:test");
        Awaitility.await().atMost(SETTLED).until(() -> keycloak.has(login) && matrix.has(login));
        return joined;
    }

    private List<String> deadLetterBodies() {
        return database.jdbc().sql("SELECT body FROM dead_letter").query(String.class).list();
    }

    private long failedSteps() {
        return database.jdbc().sql("SELECT COUNT(*) FROM identity_step WHERE status = 'FAILED'")
                .query(Long.class).single();
    }

    private void start(RetryProperties retry) throws Exception {
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        for (String code : List.of("it", "hr")) {
            database.jdbc().sql("INSERT INTO department (code, name_en, name_zh) VALUES (:c, :c, :c)")
                    .param("c", code).update();
        }
        IdentityProperties properties = new IdentityProperties(
                List.of("staff", "manager", "security-officer", "auditor", "admin"),
                List.of("unmarked", "secret", "confidential", "top-secret", "absolutely-secret"),
                new IdentityProperties.Scim(null, 200),
                new IdentityProperties.Provisioning(Duration.ofSeconds(5), 8, 50),
                new IdentityProperties.Reconciliation(false, Duration.ofHours(6), false, List.of()));
        IdentityRules rules = new IdentityRules(database.jdbc(), properties);
        IdentityStore store = new IdentityStore(database.jdbc(), clock);
        AtomicReference<IdentityProvisioningRoutes> routes = new AtomicReference<>();
        // Committed changes wake the dispatch as in the application; the poll is slow here.
        IdentityChanges changes = new IdentityChanges(database.jdbc(), json, clock, event -> {
            if (event instanceof IdentityChanges.Queued queued && routes.get() != null) {
                routes.get().changeQueued(queued);
            }
        });
        directory = new LocalAccounts(database.jdbc(), clock);
        LocalDirectoryTarget directoryTarget = new LocalDirectoryTarget(directory, rules, event -> {
            if (event instanceof AccessChanged changed) {
                synchronized (sessionChecks) {
                    sessionChecks.add(changed.login());
                }
            }
        });
        steps = new IdentitySteps(database.jdbc(), clock);
        identities = new IdentityService(store, changes, rules, audit, events);

        camel = new DefaultCamelContext();
        IdentityProvisioning provisioning = new IdentityProvisioning(changes, steps,
                new IdentityTargets(List.of(directoryTarget, keycloak, matrix)), store, audit);
        camel.addRoutes(new ErrorHandlingRoutes(retry, new DeadLetterRecorder(
                new DeadLetterStore(database.jdbc(), json, clock), List.of(provisioning))));
        routes.set(new IdentityProvisioningRoutes(provisioning, properties,
                camel.createProducerTemplate()));
        camel.addRoutes(routes.get());
        camel.start();
    }

    private static IdentityDraft person(String login, String clearance, List<String> roles,
            List<String> departments, boolean active) {
        return new IdentityDraft(login, null, "Xiaoming", "Wang", null, null,
                login + "@agency.test", null, departments, roles, clearance, active);
    }

    /** An app that keeps accounts in memory and can be told to refuse a person's upkeep. */
    static final class FakeApp implements IdentityTarget {

        record Account(boolean enabled, String clearance, List<String> roles,
                List<String> departments) {
        }

        private static final List<String> LEVELS =
                List.of("unmarked", "secret", "confidential", "top-secret", "absolutely-secret");

        private final String name;
        private final Map<String, Account> accounts = new ConcurrentHashMap<>();
        private final Map<String, List<Kind>> applied = new ConcurrentHashMap<>();
        private final Set<String> refusedForGood = ConcurrentHashMap.newKeySet();
        private final Set<String> refusedForNow = ConcurrentHashMap.newKeySet();
        private volatile int refusals;

        FakeApp(String name) {
            this.name = name;
        }

        void refusePermanently(String login) {
            refusedForGood.add(login);
        }

        void refuseForNow(String login) {
            refusedForNow.add(login);
        }

        void accept(String login) {
            refusedForNow.remove(login);
            refusedForGood.remove(login);
        }

        int refusals() {
            return refusals;
        }

        boolean has(String login) {
            return accounts.containsKey(login);
        }

        List<Kind> applied(String login) {
            return applied.getOrDefault(login, List.of());
        }

        Account account(String login) {
            return accounts.get(login);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void apply(Kind kind, IdentityDraft person) {
            if (refusedForGood.contains(person.userName())) {
                refusals++;
                throw new IllegalArgumentException(name + " refuses " + person.userName());
            }
            if (refusedForNow.contains(person.userName())) {
                refusals++;
                throw new TransientConnectorException(name, "unavailable", 503, "/", null, null);
            }
            applied.computeIfAbsent(person.userName(), login -> new CopyOnWriteArrayList<>())
                    .add(kind);
            accounts.put(person.userName(), new Account(kind != Kind.LEAVE && person.active(),
                    person.clearance(), person.roles(), person.departments()));
        }

        @Override
        public void revoke(IdentityDraft person) {
            accounts.computeIfPresent(person.userName(), (login, account) -> new Account(
                    account.enabled() && person.active(),
                    LEVELS.indexOf(person.clearance()) < LEVELS.indexOf(account.clearance())
                            ? person.clearance() : account.clearance(),
                    account.roles().stream().filter(person.roles()::contains).toList(),
                    account.departments()));
        }

        @Override
        public List<IdentityTarget.Account> accounts() {
            return List.of();
        }

        @Override
        public void disableAccount(String userName) {
            accounts.computeIfPresent(userName, (login, account) -> new Account(false,
                    account.clearance(), account.roles(), account.departments()));
        }
    }
}
