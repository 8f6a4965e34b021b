package org.agencyworkspace.connector.syncope;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Client for the Apache Syncope core REST API ({@code /syncope/rest}): users, groups,
 * memberships, status and FIQL search, for one Syncope domain. Build it with {@link #builder()}.
 *
 * <p>Every request carries {@code X-Syncope-Domain} and the service account's credentials:
 * HTTP Basic on each call, or ({@link AuthMode#JWT}) a token from
 * {@code POST /accessTokens/login}, reused until a minute before the expiry Syncope announces and
 * replaced by one fresh login when Syncope answers 401.
 *
 * <p>Every method may throw {@link org.agencyworkspace.connector.TransientConnectorException}
 * when Syncope cannot be reached, times out, answers 5xx or 429: repeating the call later may
 * succeed. Refusals are {@link SyncopeRefusedException}s carrying Syncope's
 * {@code X-Application-Error-Code} and {@code -Info}: {@link SyncopeNotFoundException},
 * {@link SyncopeEntityExistsException}, {@link SyncopeInvalidRequestException},
 * {@link SyncopeAccessDeniedException}, {@link SyncopeConcurrentModificationException}, or the
 * base class for the rest (a 404 without error code means the base URL is wrong). An answer that
 * is not the JSON Syncope documents is a
 * {@link org.agencyworkspace.connector.PermanentConnectorException}.
 *
 * <p>Users and groups are addressed by key (UUID) or by username or group name: like Syncope, a
 * value that looks like a UUID is a key, anything else a name.
 */
public interface SyncopeConnector extends HealthProbe {

    /** How the service account authenticates. */
    enum AuthMode {
        /** HTTP Basic on every request. */
        BASIC,
        /** A Bearer JWT from {@code POST /accessTokens/login}, which is sent with Basic. */
        JWT
    }

    /**
     * {@code GET /users/{keyOrUsername}}.
     *
     * @return the user with its {@code ETag}; empty when Syncope answers {@code NotFound}
     */
    Optional<SyncopeUser> findUser(String keyOrUsername);

    /**
     * {@code GET /users?fiql=&realm=&recursive=&details=&page=&size=&orderby=}, one page.
     *
     * @throws SyncopeInvalidRequestException when Syncope cannot use the FIQL condition or order
     *     ({@code InvalidSearchParameters}), e.g. an unknown attribute name
     */
    SyncopePage<SyncopeUser> searchUsers(SearchQuery query);

    /**
     * Every user matching {@code query} from its page on, following {@link SyncopePage#next()}
     * lazily: each page is fetched when the stream reaches it. Same exceptions as
     * {@link #searchUsers}.
     *
     * <p>Syncope pages by offset: a user that changes while the pages are walked may move within
     * the order, so a walk can see it twice or, when it moves backwards, miss the one it displaced.
     * Change polling ordered by {@code lastChangeDate} should deduplicate by key and walk again
     * from the same cursor when it saw a change newer than the moment the walk started.
     */
    default Stream<SyncopeUser> allUsers(SearchQuery query) {
        return Stream.iterate(searchUsers(query), Objects::nonNull,
                        page -> page.next().map(this::searchUsers).orElse(null))
                .flatMap(page -> page.items().stream());
    }

    /**
     * {@code POST /users} with a {@code UserCR}. Groups named by key or name are looked up first
     * ({@code GET /groups/{keyOrName}}) and sent by key, because Syncope silently skips a
     * membership of a group it does not know; nothing is written when one is missing.
     *
     * <p>Retrying after a lost answer: the second create finds the username taken and throws
     * {@link SyncopeEntityExistsException}, which the caller can treat as already done (read the
     * user with {@link #findUser} to check it).
     *
     * @return the created user (from the {@code ProvisioningResult}), with its {@code ETag}
     * @throws SyncopeEntityExistsException when the username is taken
     * @throws SyncopeNotFoundException when a group does not exist (nothing was created)
     * @throws SyncopeInvalidRequestException when Syncope refuses a value, misses a mandatory
     *     attribute, or the realm does not exist
     * @throws SyncopeAccessDeniedException when the account may not create users in the realm
     * @throws IllegalArgumentException when {@code attributes} repeats an agency attribute's schema
     */
    SyncopeUser createUser(NewUser user);

    /**
     * {@code PATCH /users/{key}} with a {@code UserUR}: attributes ({@code ADD_REPLACE} /
     * {@code DELETE}), memberships, roles and username, nothing else. Groups to join are looked up
     * first as for {@link #createUser}; a group to leave that does not exist is skipped. With
     * {@link UserUpdate#ifMatch()} the request carries {@code If-Match}.
     *
     * <p>Retrying is safe: replacing values, joining a group the user is in and deleting what is
     * gone leave the same result. Two exceptions: a retried rename must address the user by key
     * (the old username is gone), and a retried {@code If-Match} update whose first attempt did
     * apply fails with {@link SyncopeConcurrentModificationException} (read the user to see).
     *
     * @return the user after the update, with its new {@code ETag}
     * @throws SyncopeNotFoundException when the user, or a group to join, does not exist
     * @throws SyncopeConcurrentModificationException when the user no longer has the
     *     {@code ETag} given as {@code ifMatch} (HTTP 412); nothing changed
     * @throws SyncopeEntityExistsException when the new username is taken
     * @throws SyncopeInvalidRequestException when Syncope refuses a value or a mandatory
     *     attribute would be deleted
     * @throws SyncopeAccessDeniedException when the user lies outside the account's realms
     * @throws IllegalArgumentException when {@code attributeChanges} names an agency attribute's
     *     schema
     */
    SyncopeUser updateUser(UserUpdate update);

    /**
     * {@code POST /users/{key}/status} with a {@code StatusR} ({@code type}, {@code key},
     * {@code onSyncope=true}, {@code resources}).
     *
     * <p>Retrying: Syncope's default workflow just sets the status again, so a repeated suspend
     * or reactivate answers as the first one did. A Flowable workflow may refuse a transition the
     * user has already made (code {@code Workflow}, a {@link SyncopeRefusedException}); where it
     * runs, check {@link SyncopeUser#suspended()} before retrying.
     *
     * @return the user after the change
     * @throws SyncopeNotFoundException when the user does not exist
     * @throws SyncopeAccessDeniedException when the user lies outside the account's realms
     */
    SyncopeUser changeStatus(StatusChange change);

    /**
     * {@code DELETE /users/{keyOrUsername}} with {@code Prefer: return-no-content}.
     *
     * <p>Retrying is safe: the second delete finds nothing and returns false.
     *
     * @return true when the user was deleted, false when Syncope had no such user
     * @throws SyncopeAccessDeniedException when the user lies outside the account's realms
     */
    boolean deleteUser(String keyOrUsername);

    /**
     * {@code GET /groups/{keyOrName}}.
     *
     * @return the group; empty when Syncope answers {@code NotFound}
     */
    Optional<SyncopeGroup> findGroup(String keyOrName);

    /**
     * {@code GET /groups?fiql=&realm=&recursive=&details=&page=&size=&orderby=}, one page; a
     * query without filter lists every group in the realm.
     *
     * @throws SyncopeInvalidRequestException when Syncope cannot use the condition or order
     */
    SyncopePage<SyncopeGroup> searchGroups(SearchQuery query);

    /** Every group matching {@code query}, page by page as {@link #allUsers} does. */
    default Stream<SyncopeGroup> allGroups(SearchQuery query) {
        return Stream.iterate(searchGroups(query), Objects::nonNull,
                        page -> page.next().map(this::searchGroups).orElse(null))
                .flatMap(page -> page.items().stream());
    }

    /**
     * The groups a user belongs to, assigned and dynamic: {@link #findUser} and its
     * {@link SyncopeUser#memberships()}. For the members of a group, search users with
     * {@link Fiql#memberOf}.
     *
     * @return empty when Syncope has no such user
     */
    default Optional<List<SyncopeMembership>> memberships(String keyOrUsername) {
        return findUser(keyOrUsername).map(SyncopeUser::memberships);
    }

    /**
     * Up when {@code GET /users/self} answers with JSON (so the address, domain and credentials
     * all work); the detail names the domain and the account Syncope answered as.
     */
    @Override
    ProbeResult probe();

    static Builder builder() {
        return new Builder();
    }

    /**
     * Settings for a {@link SyncopeConnector}; {@link #build()} checks them. The agency
     * attributes use the schema names of {@link AgencyAttribute} unless {@link #schemaName}
     * says otherwise.
     */
    final class Builder extends ConnectorBuilder<Builder> {

        /** The domain used unless set. */
        public static final String DEFAULT_DOMAIN = "Master";

        private URI baseUrl;
        private String domain = DEFAULT_DOMAIN;
        private String username;
        private String password;
        private AuthMode authMode = AuthMode.BASIC;
        private final Map<AgencyAttribute, String> schemaNames =
                new EnumMap<>(AgencyAttribute.class);
        private Clock clock = Clock.systemUTC();

        private Builder() {
            super(Duration.ofSeconds(15));
            for (AgencyAttribute attribute : AgencyAttribute.values()) {
                schemaNames.put(attribute, attribute.defaultSchema());
            }
        }

        /** The core REST root, e.g. {@code http://127.0.0.1:9080/syncope/rest}. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The Syncope domain ({@code X-Syncope-Domain}); {@value #DEFAULT_DOMAIN} unless set. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /** The service account: a Syncope user (or the admin) with the entitlements needed. */
        public Builder serviceAccount(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** {@link AuthMode#BASIC} unless set. */
        public Builder authMode(AuthMode authMode) {
            this.authMode = authMode;
            return this;
        }

        /** The plain schema that holds {@code attribute} in this deployment. */
        public Builder schemaName(AgencyAttribute attribute, String schema) {
            schemaNames.put(Objects.requireNonNull(attribute, "attribute"), schema);
            return this;
        }

        Builder clock(Clock testClock) {
            this.clock = testClock;
            return this;
        }

        public SyncopeConnector build() {
            requireHttpUrl(baseUrl, "baseUrl");
            requireText(domain, "domain");
            requireText(username, "serviceAccount username");
            requireText(password, "serviceAccount password");
            if (authMode == null) {
                throw new IllegalStateException("authMode required");
            }
            checkTimeouts();
            schemaNames.forEach((attribute, schema) -> requireText(schema,
                    "schemaName for " + attribute));
            if (new HashSet<>(schemaNames.values()).size() < schemaNames.size()) {
                throw new IllegalStateException(
                        "each agency attribute needs its own schema: " + schemaNames);
            }
            return new HttpSyncopeConnector(new SyncopeHttp(baseUrl, domain, username, password,
                    authMode, connectTimeout(), requestTimeout(), clock), domain, schemaNames);
        }

        /** The settings without the password. */
        @Override
        public String toString() {
            return "SyncopeConnector.Builder[baseUrl=" + baseUrl + ", domain=" + domain
                    + ", username=" + username + ", password=" + (password == null ? null : "****")
                    + ", authMode=" + authMode + ", schemaNames=" + schemaNames + "]";
        }
    }
}
