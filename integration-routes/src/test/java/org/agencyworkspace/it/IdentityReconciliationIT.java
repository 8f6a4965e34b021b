package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.keycloak.KeycloakUser;
import org.agencyworkspace.connector.keycloak.KeycloakUserUpdate;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.matrix.SynapseUserUpdate;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityService;
import org.agencyworkspace.identity.reconciliation.Drift;
import org.agencyworkspace.identity.reconciliation.IdentityReconciliation;
import org.agencyworkspace.identity.reconciliation.ReconciliationReport;
import org.agencyworkspace.identity.reconciliation.ReconciliationRuns;
import org.agencyworkspace.support.ProvisioningStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation against the real Keycloak and Synapse of deploy/local: accounts changed behind
 * the workspace's back (disabled, deleted, re-enabled after the person left, created by hand)
 * are reported by a dry run without being touched, and a run puts them back through the normal
 * provisioning, leaving the unknown account for an operator.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityReconciliationIT {

    static final Duration PROVISIONED = Duration.ofSeconds(20);
    static final KeycloakAdmin KEYCLOAK = ProvisioningStack.keycloak();
    static final SynapseAdmin SYNAPSE = ProvisioningStack.synapse("WORKSPACE_IT");
    static final List<String> CREATED = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void provisioning(DynamicPropertyRegistry registry) {
        ProvisioningStack.register(registry, dataDir);
    }

    @Autowired
    IdentityService identities;
    @Autowired
    IdentityReconciliation reconciliation;
    @Autowired
    ReconciliationRuns runs;

    @AfterAll
    static void removeAccounts() {
        for (String name : CREATED) {
            KEYCLOAK.findUserByUsername(name).ifPresent(user -> KEYCLOAK.deleteUser(user.id()));
            SYNAPSE.deactivate(matrixId(name), true);
        }
    }

    @Test
    void driftBehindTheWorkspacesBackIsReportedByADryRunAndRepairedByARun() {
        String steady = unique("steady");
        String disabled = unique("disabled");
        String missing = unique("missing");
        String leaver = unique("leaver");
        String handMade = unique("handmade");
        Identity leaving = null;
        for (String name : List.of(steady, disabled, missing, leaver)) {
            Identity created = identities.create(person(name), "scim", "it");
            leaving = name.equals(leaver) ? created : leaving;
        }
        Awaitility.await().atMost(PROVISIONED).until(() -> List.of(steady, disabled, missing, leaver)
                .stream().allMatch(name -> KEYCLOAK.findUserByUsername(name).isPresent()
                        && SYNAPSE.findUser(matrixId(name)).isPresent()));
        identities.replace(leaving.id(), leaving.attributes().withActive(false), null, "it");
        Awaitility.await().atMost(PROVISIONED).until(() -> !account(leaver).enabled()
                && SYNAPSE.findUser(matrixId(leaver)).orElseThrow().deactivated());

        // Someone works on the apps directly.
        KEYCLOAK.disable(account(disabled).id());
        KEYCLOAK.deleteUser(account(missing).id());
        KEYCLOAK.createOrUpdateUser(KeycloakUserUpdate.of(leaver).withEnabled(true));
        SYNAPSE.createOrUpdateUser(SynapseUserUpdate.of(matrixId(leaver)).reactivating());
        KEYCLOAK.createOrUpdateUser(KeycloakUserUpdate.of(handMade)
                .withEmail(handMade + "@agency.test").withEnabled(true));

        Set<String> ours = Set.of(steady, disabled, missing, leaver, handMade);
        ReconciliationReport dryRun = reconciliation.reconcile(true, "it");
        assertThat(driftOf(dryRun, ours)).extracting(Drift::where, Drift::userName, Drift::kind, Drift::repair)
                .containsExactlyInAnyOrder(
                        tuple("keycloak", disabled, Drift.Kind.DISABLED, Drift.Repair.REPORTED),
                        tuple("keycloak", missing, Drift.Kind.MISSING, Drift.Repair.REPORTED),
                        tuple("keycloak", leaver, Drift.Kind.STILL_ACTIVE, Drift.Repair.REPORTED),
                        tuple("matrix", leaver, Drift.Kind.STILL_ACTIVE, Drift.Repair.REPORTED),
                        tuple("keycloak", handMade, Drift.Kind.EXTRA, Drift.Repair.REPORTED));
        assertThat(dryRun.driftRemains()).isTrue();
        assertThat(account(disabled).enabled()).as("a dry run changes nothing").isFalse();
        assertThat(KEYCLOAK.findUserByUsername(missing)).isEmpty();

        ReconciliationReport run = reconciliation.reconcile(false, "it");
        assertThat(driftOf(run, ours)).extracting(Drift::userName, Drift::kind, Drift::repair)
                .containsExactlyInAnyOrder(
                        tuple(disabled, Drift.Kind.DISABLED, Drift.Repair.REPAIRED),
                        tuple(missing, Drift.Kind.MISSING, Drift.Repair.REPAIRED),
                        tuple(leaver, Drift.Kind.STILL_ACTIVE, Drift.Repair.REPAIRED),
                        tuple(leaver, Drift.Kind.STILL_ACTIVE, Drift.Repair.REPAIRED),
                        tuple(handMade, Drift.Kind.EXTRA, Drift.Repair.LEFT_ALONE));
        assertThat(runs.find(run.id())).hasValueSatisfying(stored ->
                assertThat(stored.drift()).hasSameSizeAs(run.drift()));

        Awaitility.await().atMost(PROVISIONED).untilAsserted(() -> {
            assertThat(account(disabled).enabled()).isTrue();
            assertThat(account(missing).enabled()).isTrue();
            assertThat(account(missing).requiredActions()).contains("CONFIGURE_TOTP");
            KeycloakUser left = account(leaver);
            assertThat(left.enabled()).isFalse();
            assertThat(KEYCLOAK.sessions(left.id())).isEmpty();
            assertThat(SYNAPSE.findUser(matrixId(leaver)).orElseThrow().deactivated()).isTrue();
        });
        Awaitility.await().atMost(PROVISIONED).untilAsserted(() ->
                assertThat(driftOf(reconciliation.reconcile(true, "it"), ours))
                        .extracting(Drift::userName).containsExactly(handMade));
        assertThat(account(handMade).enabled()).as("an unknown account is left to the operator")
                .isTrue();
    }

    private List<Drift> driftOf(ReconciliationReport report, Set<String> names) {
        return report.drift().stream().filter(item -> names.contains(item.userName())).toList();
    }

    private static KeycloakUser account(String name) {
        return KEYCLOAK.findUserByUsername(name).orElseThrow(() -> new AssertionError("no account " + name));
    }

    private static IdentityDraft person(String name) {
        return new IdentityDraft(name, null, "Mei", "Lin", null, "林美", name + "@agency.test", null,
                List.of("it"), List.of("staff"), "secret", true);
    }

    private static String matrixId(String name) {
        return MatrixUserId.of(name, ProvisioningStack.SERVER_NAME);
    }

    private static String unique(String prefix) {
        String name = "it-rec-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        CREATED.add(name);
        return name;
    }
}
