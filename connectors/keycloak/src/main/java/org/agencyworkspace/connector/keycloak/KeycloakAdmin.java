package org.agencyworkspace.connector.keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Identity provisioning through Keycloak's admin REST API ({@code /admin/realms/{realm}/...}) for
 * one realm, acting as a confidential client's service account. Build it with {@link #builder()}.
 *
 * <p>Separate from {@link KeycloakConnector} on purpose: it holds a client secret whose service
 * account may manage users, which only identity provisioning should get. The service account needs
 * two roles of the realm's {@code realm-management} client: {@code manage-users} (accounts,
 * groups, memberships, role mappings, sessions) and {@code view-realm} (to look realm roles up by
 * name). The shipped realm gives {@code workspace-connector} these and a few read-only ones.
 *
 * <p>Tokens come from the client-credentials grant on the realm's token endpoint, are reused until
 * 30 seconds before they expire, and are fetched again, once per call, when Keycloak rejects one
 * (401), for instance after the service account was logged out.
 *
 * <p>Every method may throw {@link org.agencyworkspace.connector.TransientConnectorException}
 * when Keycloak cannot be reached, answers 5xx or 429: repeating the call later may succeed.
 * {@link org.agencyworkspace.connector.PermanentConnectorException} means Keycloak refused: the
 * client id or secret is wrong or the client has no service account (401 from the token
 * endpoint), the service account lacks a role (403), the realm does not exist (404
 * {@code Realm not found.}), a value breaks the realm's user profile (400 with the field and
 * Keycloak's message key, e.g. {@code error-invalid-length}), or the answer is not what the API
 * documents.
 *
 * <p>Callers retry, so every write says what a repeat does. Keycloak has no conditional writes:
 * an update reads the account, changes it and writes it back, and a change another admin makes
 * in between is overwritten.
 */
public interface KeycloakAdmin extends HealthProbe {

    /**
     * {@code GET /admin/realms/{realm}/users/{userId}}.
     *
     * @return the account, disabled ones included; empty when Keycloak has no such account (404
     *     {@code User not found})
     */
    Optional<KeycloakUser> findUser(String userId);

    /**
     * {@code GET /admin/realms/{realm}/users?username={username}&exact=true}: the account with
     * exactly this sign-in name, compared without regard to case.
     *
     * @return the account; empty when there is none
     */
    Optional<KeycloakUser> findUserByUsername(String username);

    /**
     * {@code GET /admin/realms/{realm}/users?first=&max=&search=}: one page of accounts.
     *
     * <p>Paging is by offset: an account created or deleted while the pages are walked may shift
     * later pages by one, so a walk can miss or repeat an account. Reconciliation that must see
     * every account should tolerate a repeat and run again later.
     */
    KeycloakUserPage listUsers(KeycloakUserQuery query);

    /**
     * Every account matching {@code query}, following {@link KeycloakUserPage#next()} lazily: the
     * first page is fetched now, each further page when the stream reaches it. Same caveats and
     * exceptions as {@link #listUsers}.
     */
    default Stream<KeycloakUser> allUsers(KeycloakUserQuery query) {
        return Stream.iterate(listUsers(query), Objects::nonNull,
                        page -> page.next().map(this::listUsers).orElse(null))
                .flatMap(page -> page.users().stream());
    }

    /**
     * Creates the account {@code update.username()} ({@code POST /admin/realms/{realm}/users}),
     * or changes the existing one ({@code PUT /admin/realms/{realm}/users/{id}}) so that it has
     * what {@code update} sets, then reads it back.
     *
     * <p>An update writes the whole profile (username, e-mail, names and every attribute), because
     * Keycloak treats a {@code PUT} that carries attributes as the complete profile and clears
     * whatever it leaves out. Nothing is written when the account already matches.
     *
     * <p>Retrying is safe: the same update again finds the account and answers
     * {@link WriteOutcome#UNCHANGED}. Two callers creating the same account at once both succeed:
     * the one Keycloak refuses (409, same username) updates the account the other created.
     *
     * @return what was done and the account afterwards
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 409 when
     *     another account already has the e-mail address ({@code User exists with same email});
     *     with status 400 when a value breaks the user profile (the server message names the
     *     field); and when the account read back lacks an attribute or required action that was
     *     asked for: Keycloak answers success yet silently drops attributes its user profile does
     *     not declare and required actions that are not registered providers. The message names
     *     them; the rest of the update has been stored, and a retry fails the same way until the
     *     realm is changed
     */
    SavedUser createOrUpdateUser(KeycloakUserUpdate update);

    /**
     * {@code PUT /admin/realms/{realm}/users/{userId}/reset-password}: replaces the account's
     * password. A temporary one makes Keycloak add the {@code UPDATE_PASSWORD} required action; a
     * permanent one removes that action.
     *
     * <p>Retrying sets the same password again, which is harmless.
     *
     * @return false when Keycloak has no such account (nothing changed)
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 400 when
     *     the realm's password policy refuses the password (the server message says which rule)
     */
    boolean setPassword(String userId, String password, boolean temporary);

    /**
     * Ends every session of the account: {@code POST /admin/realms/{realm}/users/{userId}/logout}.
     * Keycloak removes the user's sessions and sets the account's "not before" to now, so refresh
     * tokens stop working at once. Access tokens already handed out stay valid until they expire
     * at resource servers that check them offline.
     *
     * <p>Retrying is safe: it ends whatever sessions were started in between.
     *
     * @return false when Keycloak has no such account
     */
    boolean logout(String userId);

    /**
     * Stops the account from signing in and ends its sessions: {@code PUT .../users/{userId}} with
     * only {@code {"enabled": false}}, then {@link #logout}. Credentials, attributes, roles and
     * groups stay; {@link #createOrUpdateUser} with {@code enabled=true} lets the person back in.
     *
     * <p>Retrying is safe: a disabled account stays disabled and has no sessions afterwards.
     *
     * @return false when Keycloak has no such account (nothing changed)
     */
    boolean disable(String userId);

    /**
     * {@code GET /admin/realms/{realm}/users/{userId}/sessions}: the account's online sessions
     * (offline sessions are not listed). Empty after {@link #logout} or {@link #disable}.
     *
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 404 when
     *     Keycloak has no such account
     */
    List<UserSession> sessions(String userId);

    /**
     * {@code DELETE /admin/realms/{realm}/users/{userId}}: removes the account with its
     * credentials, sessions, role mappings and memberships. Cannot be undone.
     *
     * <p>Retrying is safe: a second call finds no account and answers false.
     *
     * @return false when Keycloak had no such account
     */
    boolean deleteUser(String userId);

    /**
     * {@code GET /admin/realms/{realm}/users/{userId}/role-mappings/realm}: the names of the realm
     * roles mapped to the account directly. Roles it holds only through a composite role (in the
     * shipped realm, {@code staff} through {@code default-roles-agency}) or a group are not listed.
     *
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 404 when
     *     Keycloak has no such account
     */
    Set<String> realmRoles(String userId);

    /**
     * Maps the realm roles of {@code roleNames} that the account does not hold directly yet:
     * {@code GET /admin/realms/{realm}/roles/{name}} for each, then one
     * {@code POST .../users/{userId}/role-mappings/realm}.
     *
     * <p>Retrying is safe: roles already mapped are left alone, so a repeat grants nothing.
     *
     * @return the roles granted by this call
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 404 when
     *     Keycloak has no such account ({@code User not found}) or no such realm role
     *     ({@code Could not find role}); then nothing is granted
     */
    Set<String> grantRealmRoles(String userId, Set<String> roleNames);

    /**
     * Removes the direct mappings of the realm roles of {@code roleNames} that the account has:
     * {@code DELETE .../users/{userId}/role-mappings/realm}. Names it does not hold directly,
     * unknown roles included, are ignored.
     *
     * <p>Retrying is safe: a repeat finds nothing to revoke.
     *
     * @return the roles revoked by this call
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 404 when
     *     Keycloak has no such account
     */
    Set<String> revokeRealmRoles(String userId, Set<String> roleNames);

    /**
     * {@code GET /admin/realms/{realm}/group-by-path/{name}}: the top-level group called
     * {@code name}.
     *
     * @return the group; empty when there is none ({@code Group path does not exist})
     */
    Optional<KeycloakGroup> findGroup(String name);

    /**
     * Creates the top-level group {@code update.name()} ({@code POST /admin/realms/{realm}/groups})
     * or changes the attributes of the existing one ({@code PUT .../groups/{id}}), then reads it
     * back. Nothing is written when the group already matches.
     *
     * <p>Retrying is safe: the same update again finds the group and answers
     * {@link WriteOutcome#UNCHANGED}; a create that loses a race (409) updates the winner's group.
     */
    SavedGroup createOrUpdateGroup(KeycloakGroupUpdate update);

    /**
     * {@code DELETE /admin/realms/{realm}/groups/{groupId}}: removes the group with its subgroups;
     * members lose the membership, not their accounts.
     *
     * <p>Retrying is safe: a second call finds no group and answers false.
     *
     * @return false when Keycloak had no such group
     */
    boolean deleteGroup(String groupId);

    /**
     * {@code GET /admin/realms/{realm}/users/{userId}/groups}, every page: the groups the account
     * is a direct member of.
     *
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 404 when
     *     Keycloak has no such account
     */
    List<KeycloakGroup> groupsOf(String userId);

    /**
     * {@code PUT /admin/realms/{realm}/users/{userId}/groups/{groupId}}: makes the account a
     * member of the group.
     *
     * <p>Retrying is safe: Keycloak accepts joining a group the account is already in.
     *
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 404 when
     *     the account ({@code User not found}) or group ({@code Group not found}) does not exist
     */
    void joinGroup(String userId, String groupId);

    /**
     * {@code DELETE /admin/realms/{realm}/users/{userId}/groups/{groupId}}: ends the account's
     * membership of the group.
     *
     * <p>Retrying is safe: Keycloak accepts leaving a group the account is not in.
     *
     * @throws org.agencyworkspace.connector.PermanentConnectorException also with status 404 when
     *     the account or group does not exist
     */
    void leaveGroup(String userId, String groupId);

    /**
     * {@code GET /admin/realms/{realm}/events} or {@code /admin-events}: one page of the realm's
     * stored events, newest first (the service account needs {@code view-events}; the realm
     * must store events: {@code eventsEnabled}, {@code adminEventsEnabled}).
     *
     * @param first how many of the newest to skip
     * @param max page size, 1 to 1000
     */
    List<KeycloakEvent> events(KeycloakEvent.Kind kind, int first, int max);

    /**
     * Up when the service account gets a token and may count the realm's users
     * ({@code GET /admin/realms/{realm}/users/count}); the detail names the realm.
     */
    @Override
    ProbeResult probe();

    /** A builder with no settings yet; {@link Builder#build()} names what is missing. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Settings for a {@link KeycloakAdmin}: the server, the realm, and the confidential client
     * whose service account provisions. {@link #build()} checks them.
     */
    final class Builder extends ConnectorBuilder<Builder> {
        private URI baseUrl;
        private String realm;
        private String clientId;
        private String clientSecret;

        private Builder() {
            super(Duration.ofSeconds(10));
        }

        /** Server root without {@code /auth}, e.g. {@code http://127.0.0.1:8180}. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The realm whose accounts are provisioned; the client lives in it too. */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /**
         * The confidential client (with "service accounts" enabled) whose client-credentials
         * token is used for every admin call.
         */
        public Builder serviceAccount(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * A client with these settings. Nothing is sent yet: the first token is fetched on first
         * use.
         *
         * @throws IllegalStateException naming a missing or malformed setting
         */
        public KeycloakAdmin build() {
            requireHttpUrl(baseUrl, "baseUrl");
            requireText(realm, "realm");
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            checkTimeouts();
            return new HttpKeycloakAdmin(baseUrl, realm, clientId, clientSecret, connectTimeout(),
                    requestTimeout());
        }

        /** Names the settings and masks the secret. */
        @Override
        public String toString() {
            return "KeycloakAdmin.Builder[baseUrl=" + baseUrl + ", realm=" + realm + ", clientId="
                    + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "******")
                    + "]";
        }
    }
}
