package org.agencyworkspace.connector.nextcloud;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Account and group provisioning through Nextcloud's OCS provisioning API
 * ({@code /ocs/v2.php/cloud/...}, or {@code /ocs/v1.php}), acting as an admin or group admin.
 * Build it with {@link #builder()}.
 *
 * <p>Separate from {@link NextcloudConnector} on purpose: it holds an admin's app password, which
 * only identity provisioning should get, while the WebDAV client works as one service account;
 * and it speaks OCS over plain HTTP rather than WebDAV.
 *
 * <p>Every request carries {@code OCS-APIRequest: true}, {@code Accept: application/json},
 * {@code format=json} and HTTP Basic credentials. The answer is the OCS envelope
 * {@code {"ocs":{"meta":{"status","statuscode","message"},"data":...}}}: on v1 the HTTP status is
 * 200 and success is {@code statuscode} 100; on v2 the HTTP status is real (400 for a refused
 * request, 404 for "not found", 401 for bad credentials) and success is {@code statuscode} 200.
 * Both are read the same way, by {@code statuscode}.
 *
 * <p>Every method may throw {@link org.agencyworkspace.connector.TransientConnectorException}
 * when Nextcloud cannot be reached, answers 5xx (maintenance mode answers 503), rate-limits
 * (429; Nextcloud limits edits per admin and delays failed logins), or reports a server-side
 * error (OCS 996 or 999 on v1): repeating the call later may succeed. It may throw
 * {@link OcsRefusedException} when Nextcloud refused the request: wrong login or app password
 * (HTTP 401, OCS 997), an account without admin rights over the user or group (OCS 997, 403 or
 * a method-specific code), or invalid input; and
 * {@link org.agencyworkspace.connector.PermanentConnectorException} when the answer is not an OCS
 * envelope at all (wrong server URL, a login page in front of Nextcloud). Blank, {@code "."},
 * {@code ".."} or slash-containing ids are refused with {@link IllegalArgumentException} before
 * anything is sent.
 *
 * <p>"No such user" on Nextcloud also covers "a user this account may not administer" (OCS 998):
 * a group admin sees only the users of its groups. Methods report both as absent.
 */
public interface NextcloudProvisioning extends HealthProbe {

    /**
     * {@code GET /cloud/users/{userId}}.
     *
     * @return the account, disabled ones included; empty when Nextcloud has no such user or this
     *     account may not see it (OCS 404 or 998)
     */
    Optional<NextcloudUser> findUser(String userId);

    /**
     * {@code GET /cloud/users?search=&limit=&offset=}: one page of user ids, in the order of the
     * user backends.
     *
     * <p>Nextcloud reports no total; a page shorter than {@code limit} is the last one. Paging is
     * by offset, so an account created or deleted during a walk may shift later pages by one. For
     * a group admin Nextcloud pages each of its groups separately, so pages may repeat ids.
     *
     * @param search text matched against id, display name and e-mail (as the user backend
     *     supports); empty for all users
     * @param offset how many matching users to skip
     * @param limit at most this many ids, at least 1
     */
    List<String> listUserIds(String search, int offset, int limit);

    /**
     * Every user id matching {@code search}, fetched {@code pageSize} at a time with
     * {@link #listUserIds}: the first page now, each further page when the stream reaches it.
     * Same caveats and exceptions as {@link #listUserIds}.
     */
    default Stream<String> allUserIds(String search, int pageSize) {
        record Page(int offset, List<String> ids) {
        }
        Page first = new Page(0, listUserIds(search, 0, pageSize));
        return Stream.iterate(first, page -> page != null,
                        page -> page.ids().size() < pageSize ? null
                                : new Page(page.offset() + pageSize,
                                        listUserIds(search, page.offset() + pageSize, pageSize)))
                .flatMap(page -> page.ids().stream());
    }

    /**
     * {@code POST /cloud/users} with form fields {@code userid}, {@code password},
     * {@code displayName}, {@code email}, {@code groups[]}, {@code quota}, {@code language} (only
     * those that are set).
     *
     * <p>Nextcloud checks that the id is free and every group exists before it creates anything,
     * then creates the account, adds it to the groups and sets display name, quota, language and
     * e-mail one after the other. Without a password it generates one and mails the user a link
     * to set their own, which is why a password or an e-mail is required.
     *
     * <p>Retrying is safe: the account is created once, and a retry answers
     * {@link UserCreation#ALREADY_EXISTS}. That answer says only that the id is taken: a first
     * attempt that failed half-way (an invalid quota or language is refused after the account is
     * created, with the same OCS code 102) leaves an account without those settings. Callers
     * converge by reading the account with {@link #findUser} and applying what differs.
     *
     * @return whether the account was created, already existed, or was created without its
     *     welcome mail
     * @throws OcsRefusedException also for 101 (invalid id, password or e-mail), 104 (a group does
     *     not exist: create it with {@link #createGroupIfMissing} first; nothing was created),
     *     105/106 (a group admin may not use these groups), 107 (password policy; the message
     *     says why), 110 (e-mail required by the server)
     * @throws IllegalArgumentException when neither password nor e-mail is set
     */
    UserCreation createUser(NewNextcloudUser user);

    /**
     * {@code PUT /cloud/users/{userId}} with form fields {@code key} and {@code value}: changes one
     * attribute.
     *
     * <p>Retrying is safe: setting the same value again changes nothing. Only
     * {@link UserField#PASSWORD} may be refused on repetition, by a password-history policy.
     *
     * @param value the new value; for {@link UserField#QUOTA} a size such as {@code 5 GB},
     *     {@code none} (unlimited) or {@code default}
     * @return true when changed, false when Nextcloud has no such user or this account may not
     *     administer it (OCS 998)
     * @throws OcsRefusedException also for 101/102 (invalid value, e.g. malformed e-mail, quota
     *     above the server maximum, unknown language), 103 (the user backend cannot change
     *     passwords), 107 (password policy), 113 (field not editable)
     */
    boolean editUser(String userId, UserField field, String value);

    /**
     * {@code PUT /cloud/users/{userId}/enable} or {@code .../disable}. A disabled user cannot log
     * in; whether Nextcloud also refuses its existing sessions and app passwords at once is not
     * verified here (see the module README).
     *
     * <p>Retrying is safe: disabling a disabled account (or enabling an enabled one) succeeds.
     *
     * @return true when the account is in the requested state now, false when Nextcloud has no
     *     such user or this account may not administer it
     * @throws OcsRefusedException with OCS code 101 when Nextcloud refuses for an existing user
     *     (it never lets an account disable itself)
     */
    boolean setEnabled(String userId, boolean enabled);

    /**
     * {@code DELETE /cloud/users/{userId}}: removes the account and its data (files included);
     * Nextcloud's own clean-up on user deletion also drops its shares and sessions (see the
     * module README for what is unverified).
     *
     * <p>Retrying is safe: deleting a deleted account answers false.
     *
     * @return true when the account was deleted, false when Nextcloud has no such user or this
     *     account may not administer it
     * @throws OcsRefusedException with OCS code 101 when Nextcloud refuses for an existing user
     *     (the signed-in account itself, or the user backend failed to delete)
     */
    boolean deleteUser(String userId);

    /**
     * {@code GET /cloud/users/{userId}/groups}: the ids of the groups the user is a member of (for
     * a group admin: only those of its groups).
     *
     * @return the group ids; empty when Nextcloud has no such user or this account may not see it
     */
    Optional<List<String>> userGroups(String userId);

    /**
     * {@code POST /cloud/users/{userId}/groups} with form field {@code groupid}.
     *
     * <p>Retrying is safe: adding a member again succeeds without change.
     *
     * @return {@link MembershipChange#DONE}, or which of the two does not exist (OCS 102 group,
     *     103 user); nothing was changed then
     * @throws OcsRefusedException also for 104 (this account may not manage the group)
     */
    MembershipChange addToGroup(String userId, String groupId);

    /**
     * {@code DELETE /cloud/users/{userId}/groups} with form field {@code groupid} in the body.
     *
     * <p>Retrying is safe: removing a user who is not a member succeeds without change.
     *
     * @return {@link MembershipChange#DONE}, or which of the two does not exist (OCS 102 group,
     *     103 user); nothing was changed then
     * @throws OcsRefusedException also for 104 (this account may not manage the group) and 105
     *     (an admin removing itself from {@code admin}, a group admin removing a user from its
     *     last group)
     */
    MembershipChange removeFromGroup(String userId, String groupId);

    /**
     * {@code POST /cloud/groups} with form fields {@code groupid} and, when not null,
     * {@code displayname} (servers before display-name support ignore it). Needs an admin.
     *
     * <p>Retrying is safe: an existing group answers false and is left as it is, display name
     * included.
     *
     * @param displayName the name shown in Nextcloud, or null for the id
     * @return true when the group was created, false when it already existed (OCS 102)
     * @throws OcsRefusedException also for 101 (invalid id) and 103 (the group backend cannot
     *     create groups)
     */
    boolean createGroupIfMissing(String groupId, String displayName);

    /**
     * {@code GET /cloud/groups?search=&limit=&offset=}: one page of group ids. A page shorter than
     * {@code limit} is the last one.
     *
     * @param search text matched against group ids and names; empty for all groups
     * @param offset how many matching groups to skip
     * @param limit at most this many ids, at least 1
     */
    List<String> listGroupIds(String search, int offset, int limit);

    /**
     * {@code GET /cloud/user} as the configured account: up when the credentials are accepted and
     * the account is an admin (member of {@code admin}) or a group admin; the detail names the
     * account and its role. Down, with the reason, otherwise.
     */
    @Override
    ProbeResult probe();

    /** A builder with no settings yet; {@link Builder#build()} names what is missing. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Settings for a {@link NextcloudProvisioning}: the server, an admin login with an app
     * password, and the OCS version. {@link #build()} checks them.
     */
    final class Builder extends ConnectorBuilder<Builder> {
        private URI serverUrl;
        private String loginName;
        private String appPassword;
        private int ocsVersion = 2;

        private Builder() {
            super(Duration.ofSeconds(30));
        }

        /**
         * The Nextcloud root that serves {@code /ocs/...}, e.g. {@code https://cloud.example} or
         * {@code https://example.org/nextcloud}.
         */
        public Builder serverUrl(URI serverUrl) {
            this.serverUrl = serverUrl;
            return this;
        }

        /**
         * An admin's (or group admin's) login name and an app password created for this
         * connector (Settings, Security, Devices and sessions); a login through an outside
         * identity provider has no password of its own and needs one.
         */
        public Builder credentials(String loginName, String appPassword) {
            this.loginName = loginName;
            this.appPassword = appPassword;
            return this;
        }

        /**
         * {@code 2} (the default) for {@code /ocs/v2.php}, with real HTTP statuses, or {@code 1}
         * for {@code /ocs/v1.php}, which answers HTTP 200 to everything but bad credentials.
         */
        public Builder ocsVersion(int ocsVersion) {
            this.ocsVersion = ocsVersion;
            return this;
        }

        /**
         * A client with these settings. Nothing is sent yet.
         *
         * @throws IllegalStateException naming a missing or invalid setting
         */
        public NextcloudProvisioning build() {
            requireHttpUrl(serverUrl, "serverUrl");
            requireText(loginName, "loginName");
            if (appPassword == null || appPassword.isEmpty()) {
                throw new IllegalStateException("appPassword required");
            }
            if (ocsVersion != 1 && ocsVersion != 2) {
                throw new IllegalStateException("ocsVersion must be 1 or 2: " + ocsVersion);
            }
            checkTimeouts();
            return new HttpNextcloudProvisioning(new OcsClient(serverUrl, ocsVersion, "cloud",
                    loginName, appPassword, connectTimeout(), requestTimeout()));
        }

        /** Names the settings and masks the app password. */
        @Override
        public String toString() {
            return "NextcloudProvisioning.Builder[serverUrl=" + serverUrl + ", loginName="
                    + loginName + ", appPassword=" + (appPassword == null ? "unset" : "******")
                    + ", ocsVersion=" + ocsVersion + "]";
        }
    }
}
