package org.agencyworkspace.connector.matrix;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Account provisioning through the Synapse admin API ({@code /_synapse/admin/...}), acting as a
 * server admin. Build it with {@link #builder()}.
 *
 * <p>Separate from {@link MatrixConnector} on purpose: it holds a server-admin credential, which
 * only identity provisioning should get, and it speaks Synapse's own API rather than the Matrix
 * specification.
 *
 * <p>Every method may throw {@link org.agencyworkspace.connector.TransientConnectorException} when
 * Synapse cannot be reached, answers 5xx or rate-limits (429): repeating the call later may
 * succeed. {@link org.agencyworkspace.connector.PermanentConnectorException} means Synapse refused
 * the request: the admin credential is wrong (401, 403 on login), locked (401
 * {@code M_USER_LOCKED}) or not a server admin (403), the
 * user id is not local or malformed (400), the admin API is not served at this address (404
 * {@code M_UNRECOGNIZED}), or the answer is not what the API documents. With a login, an access
 * token that Synapse no longer knows (401 {@code M_UNKNOWN_TOKEN}) is replaced by logging in
 * again, once per call.
 *
 * <p>User ids are full ids ({@code @localpart:server}); build new ones with
 * {@link MatrixUserId#of}.
 */
public interface SynapseAdmin extends HealthProbe {

    /**
     * {@code PUT /_synapse/admin/v2/users/{userId}}: creates the account, or changes an existing
     * one, so that it has what {@code update} sets.
     *
     * <p>Retrying is safe: the same update again finds the account and answers
     * {@code created=false} with the same result. Only a {@code password} in the update has a side
     * effect each time: Synapse logs out every device of an existing account.
     *
     * @return whether the account was created (201) or modified (200), and the account afterwards
     * @throws org.agencyworkspace.connector.PermanentConnectorException also when Synapse refuses
     *     the localpart (400 {@code M_INVALID_USERNAME}) or the account is an application
     *     service's
     */
    UpdatedUser createOrUpdateUser(SynapseUserUpdate update);

    /**
     * {@code GET /_synapse/admin/v2/users/{userId}}.
     *
     * @return the account, deactivated ones included; empty when Synapse has no such account
     *     (404 {@code M_NOT_FOUND})
     */
    Optional<SynapseUser> findUser(String userId);

    /**
     * {@code GET /_synapse/admin/v2/users?from=&limit=&guests=false&deactivated=&locked=true}, one
     * page ordered by user id.
     *
     * <p>Paging is by offset: an account created or deactivated while the pages are walked may
     * shift later pages by one, so a walk can miss or repeat an account. Reconciliation that must
     * see every account should tolerate a repeat and run again later.
     */
    SynapseUserPage listUsers(SynapseUserQuery query);

    /**
     * Every account matching {@code query}, following {@link SynapseUserPage#next()} lazily: the
     * first page is fetched now, each further page when the stream reaches it. Same caveats and
     * exceptions as {@link #listUsers}.
     */
    default Stream<SynapseUserSummary> allUsers(SynapseUserQuery query) {
        return Stream.iterate(listUsers(query), Objects::nonNull,
                        page -> page.next().map(this::listUsers).orElse(null))
                .flatMap(page -> page.users().stream());
    }

    /**
     * {@code POST /_synapse/admin/v1/deactivate/{userId}} with {@code {"erase": erase}}.
     *
     * <p>Synapse (checked on 1.163.2) deletes every device and access token of the account before
     * it answers, so the user is logged out everywhere at once; it also removes e-mail
     * addresses, the password and pushers, and takes the account out of its rooms in the
     * background. Messages and media stay. {@code erase} also drops the display name and avatar
     * and marks the account as erased.
     *
     * <p>Retrying is safe: deactivating a deactivated account runs the same clean-up again and
     * answers {@link Deactivation#DEACTIVATED}.
     *
     * @return {@link Deactivation#DEACTIVATED}, or {@link Deactivation#NO_SUCH_USER} when Synapse
     *     has no such account (nothing changed)
     */
    Deactivation deactivate(String userId, boolean erase);

    /**
     * {@code GET /_synapse/admin/v2/users/{userId}/devices}: how many devices (logged-in
     * sessions) the account has. Zero after {@link #deactivate}.
     *
     * @return the number of devices; empty when Synapse has no such account
     */
    OptionalInt deviceCount(String userId);

    /**
     * {@code POST /_synapse/admin/v1/join/{roomIdOrAlias}} with {@code {"user_id": userId}}:
     * makes a local user a member of a room, inviting it first when the room is not public.
     * The admin must be in the room with the power to invite. Synapse does not check whether the
     * account is deactivated.
     *
     * <p>Retrying is safe: for a user who is already a member (Synapse answers 403 for
     * invite-only rooms), the user's joined rooms are checked and the answer is
     * {@code alreadyJoined=true}.
     *
     * @param roomIdOrAlias a room id ({@code !id}; before room version 12 {@code !id:server}) or
     *     alias ({@code #alias:server})
     * @return the room id and whether the user was already a member
     * @throws org.agencyworkspace.connector.PermanentConnectorException also when the user or room
     *     is unknown (404; the server message says which) or the admin may not invite (403)
     */
    RoomJoin joinRoom(String roomIdOrAlias, String userId);

    /**
     * Up when Synapse answers {@code GET /_synapse/admin/v1/server_version} and accepts the admin
     * credential for one page of users; the detail names the Synapse version.
     */
    @Override
    ProbeResult probe();

    /** A builder with no settings yet; {@link Builder#build()} names what is missing. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Settings for a {@link SynapseAdmin}: the homeserver, and either an admin access token or an
     * admin login. {@link #build()} checks them.
     */
    final class Builder extends ConnectorBuilder<Builder> {

        /** The device the admin login uses unless told otherwise. */
        public static final String DEFAULT_DEVICE_ID = "WORKSPACE_PROVISIONING";

        private URI homeserverUrl;
        private String accessToken;
        private String loginUser;
        private String loginPassword;
        private String deviceId = DEFAULT_DEVICE_ID;

        private Builder() {
            super(Duration.ofSeconds(10));
        }

        /**
         * Client-Server base URL that also serves {@code /_synapse/admin}, e.g.
         * {@code http://127.0.0.1:8008}.
         */
        public Builder homeserverUrl(URI homeserverUrl) {
            this.homeserverUrl = homeserverUrl;
            return this;
        }

        /** A server admin's access token, used as is and never renewed. */
        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        /**
         * Log in as this server admin ({@code POST /_matrix/client/v3/login}, password flow) on
         * first use and again when Synapse stops accepting the token.
         *
         * @param user localpart or full user id
         */
        public Builder login(String user, String password) {
            this.loginUser = user;
            this.loginPassword = password;
            return this;
        }

        /**
         * The device id the admin login reuses, so repeated logins do not pile up devices on the
         * admin account; {@value #DEFAULT_DEVICE_ID} unless set.
         */
        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        /**
         * A client with these settings. Nothing is sent yet: a login happens on first use.
         *
         * @throws IllegalStateException naming a missing or contradictory setting
         */
        public SynapseAdmin build() {
            requireHttpUrl(homeserverUrl, "homeserverUrl");
            checkTimeouts();
            if (accessToken != null && (loginUser != null || loginPassword != null)) {
                throw new IllegalStateException("set either accessToken or login, not both");
            }
            AdminCredential credential;
            if (accessToken != null) {
                credential = AdminCredential.ofAccessToken(
                        requireText(accessToken, "accessToken"));
            } else if (loginUser != null || loginPassword != null) {
                credential = AdminCredential.ofLogin(requireText(loginUser, "login user"),
                        requireText(loginPassword, "login password"),
                        requireText(deviceId, "deviceId"));
            } else {
                throw new IllegalStateException("accessToken or login required");
            }
            return new HttpSynapseAdmin(homeserverUrl, credential, connectTimeout(),
                    requestTimeout());
        }

        /** Names the settings and masks the credentials. */
        @Override
        public String toString() {
            String auth = accessToken != null ? "accessToken=******"
                    : "login=" + loginUser + " (password " + (loginPassword == null ? "unset"
                            : "******") + ", device " + deviceId + ")";
            return "SynapseAdmin.Builder[homeserverUrl=" + homeserverUrl + ", " + auth + "]";
        }
    }
}
