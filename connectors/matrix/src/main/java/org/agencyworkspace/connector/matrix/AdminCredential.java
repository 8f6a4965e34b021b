package org.agencyworkspace.connector.matrix;

/**
 * How {@link HttpSynapseAdmin} authenticates: a fixed access token, or a password login that can
 * be repeated when the token it gave stops working. Never shows a secret in {@link #toString()}.
 *
 * @param accessToken the configured token; null with a login
 * @param user login user (localpart or full id); null with a configured token
 * @param password login password; null with a configured token
 * @param deviceId device the login reuses; null with a configured token
 */
record AdminCredential(String accessToken, String user, String password, String deviceId) {

    static AdminCredential ofAccessToken(String accessToken) {
        return new AdminCredential(accessToken, null, null, null);
    }

    static AdminCredential ofLogin(String user, String password, String deviceId) {
        return new AdminCredential(null, user, password, deviceId);
    }

    /** Whether a rejected token can be replaced by logging in again. */
    boolean renewable() {
        return accessToken == null;
    }

    @Override
    public String toString() {
        return renewable() ? "AdminCredential[login=" + user + ", device=" + deviceId + "]"
                : "AdminCredential[accessToken=******]";
    }
}
