package org.agencyworkspace.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.keycloak.KeycloakUser;
import org.agencyworkspace.connector.keycloak.KeycloakUserQuery;
import org.agencyworkspace.connector.keycloak.KeycloakUserUpdate;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.matrix.SynapseUserQuery;
import org.agencyworkspace.connector.matrix.SynapseUserUpdate;
import org.agencyworkspace.support.ProvisioningStack;

/**
 * The benchmark's own view of the real Keycloak and Synapse, through the same connectors the
 * workspace uses: the baseline's direct calls, the end states the benchmark waits for, and the
 * clean-up. Its clients are separate from the workspace's, so watching does not share a
 * connection pool or token with the code being measured.
 */
final class BenchAccounts {

    /** Every benchmark account name starts with this. */
    static final String PREFIX = "bench-";
    private static final int CLEAN_UP_IN_FLIGHT = 4;

    private final KeycloakAdmin keycloak = ProvisioningStack.keycloak();
    private final SynapseAdmin synapse = ProvisioningStack.synapse("WORKSPACE_BENCH");
    private final String serverName = ProvisioningStack.SERVER_NAME;
    private final Retries retries = new Retries();

    String matrixId(String userName) {
        return MatrixUserId.of(userName, serverName);
    }

    String keycloakId(String userName) {
        return keycloak.findUserByUsername(userName).orElseThrow(() ->
                new IllegalStateException("no Keycloak account " + userName)).id();
    }

    /**
     * Baseline joiner: the accounts the workspace's Keycloak and Matrix targets create for the
     * SCIM person of {@link ScimClient#user}, made directly, both apps at once as the workspace
     * does. Only the roles call is left out that a new account never needs (revoking).
     */
    void joinDirectly(String userName, ExecutorService threads) {
        CompletableFuture<Void> keycloakAccount = CompletableFuture.runAsync(() -> {
            String id = retries.call(() -> keycloak.createOrUpdateUser(
                    KeycloakUserUpdate.of(userName)
                            .withEmail(userName + "@agency.test")
                            .withName("Bench", "Person")
                            .withEnabled(true)
                            .withAttribute("clearance", List.of("secret"))
                            .withAttribute("department", List.of("it")))).user().id();
            retries.call(() -> keycloak.grantRealmRoles(id, Set.of("staff")));
        }, threads);
        CompletableFuture<Void> matrixAccount = CompletableFuture.runAsync(() ->
                retries.call(() -> synapse.createOrUpdateUser(SynapseUserUpdate.of(matrixId(userName))
                        .withDisplayName("測試員").withEmail(userName + "@agency.test"))), threads);
        CompletableFuture.allOf(keycloakAccount, matrixAccount).join();
    }

    /**
     * Baseline leaver: what the workspace's targets do for a LEAVE, directly and both apps at
     * once: find the Keycloak account, disable it (which also logs every session out), and
     * deactivate the Matrix account.
     */
    void leaveDirectly(String userName, ExecutorService threads) {
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> retries.call(() -> keycloak.disable(
                        keycloakId(userName))), threads),
                CompletableFuture.runAsync(() -> retries.call(() -> synapse.deactivate(
                        matrixId(userName), false)), threads)).join();
    }

    /** Whether the leaver is out: Keycloak account disabled with no session, Matrix deactivated. */
    boolean offboarded(String keycloakId, String matrixId) {
        return keycloak.findUser(keycloakId).map(user -> !user.enabled()).orElse(false)
                && keycloak.sessions(keycloakId).isEmpty()
                && synapse.findUser(matrixId).map(user -> user.deactivated()).orElse(false);
    }

    /** Whether the person has a live Keycloak session and a Matrix device. */
    boolean signedIn(String keycloakId, String matrixId) {
        return keycloak.sessions(keycloakId).size() == 1
                && synapse.deviceCount(matrixId).orElse(0) == 1;
    }

    /**
     * How many accounts named {@code prefix*} are fully joined: enabled in Keycloak with OTP still
     * to set up, and active in Matrix (the smaller of the two counts).
     */
    int countJoined(String prefix) {
        long keycloakReady = keycloak.allUsers(KeycloakUserQuery.all(200).withSearch(prefix))
                .filter(user -> user.username().startsWith(prefix))
                .filter(KeycloakUser::enabled)
                .filter(user -> user.requiredActions().contains("CONFIGURE_TOTP"))
                .count();
        long matrixActive = synapse.allUsers(SynapseUserQuery.all(200).activeOnly()
                        .withNameContaining(prefix))
                .filter(summary -> summary.userId().startsWith("@" + prefix))
                .count();
        return (int) Math.min(keycloakReady, matrixActive);
    }

    void setPasswords(String userName, String keycloakId, String password) {
        keycloak.setPassword(keycloakId, password, false);
        synapse.createOrUpdateUser(SynapseUserUpdate.of(matrixId(userName)).withPassword(password));
    }

    /**
     * Removes every benchmark account, this run's and any an interrupted run left: Keycloak
     * accounts are deleted; Matrix accounts cannot be, so they are deactivated (and erased).
     *
     * @return how many accounts were removed from each server
     */
    CleanUp removeAll() {
        List<KeycloakUser> keycloakAccounts = keycloak.allUsers(
                        KeycloakUserQuery.all(200).withSearch(PREFIX))
                .filter(user -> user.username().startsWith(PREFIX)).toList();
        List<String> matrixAccounts = synapse.allUsers(SynapseUserQuery.all(200).activeOnly()
                        .withNameContaining(PREFIX))
                .map(summary -> summary.userId())
                .filter(id -> id.startsWith("@" + PREFIX)).toList();
        // Few at a time: Synapse answers thousands of simultaneous deactivations too late.
        Concurrently.forEach(keycloakAccounts, CLEAN_UP_IN_FLIGHT,
                user -> retries.call(() -> keycloak.deleteUser(user.id())));
        Concurrently.forEach(matrixAccounts, CLEAN_UP_IN_FLIGHT,
                id -> retries.call(() -> synapse.deactivate(id, true)));
        return new CleanUp(keycloakAccounts.size(), matrixAccounts.size());
    }

    int retriesSoFar() {
        return retries.count();
    }

    /** What {@link #removeAll} removed. */
    record CleanUp(int keycloakDeleted, int matrixDeactivated) {
    }
}
