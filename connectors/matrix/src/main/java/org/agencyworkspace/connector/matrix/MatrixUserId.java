package org.agencyworkspace.connector.matrix;

import java.util.regex.Pattern;

/**
 * Builds Matrix user ids ({@code @localpart:server_name}) for new accounts, refusing a localpart
 * that Synapse would refuse, so a bad username fails before anything is provisioned.
 */
public final class MatrixUserId {

    /** Synapse's limit on the whole user id, sigil and server name included. */
    static final int MAX_LENGTH = 255;

    private static final Pattern SERVER_NAME = Pattern.compile(
            "([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    private MatrixUserId() {
    }

    /**
     * {@code @localpart:serverName}.
     *
     * <p>The localpart may hold only {@code a-z 0-9 . _ = - / +} (the user id grammar of the
     * Client-Server API, which Synapse enforces on registration), must not start with {@code _}
     * (reserved for application-service users; Synapse's default configuration refuses it), and
     * the whole id must fit in 255 characters.
     *
     * @throws IllegalArgumentException naming the offending character or rule
     */
    public static String of(String localpart, String serverName) {
        if (localpart == null || localpart.isEmpty()) {
            throw new IllegalArgumentException("Matrix localpart must not be empty");
        }
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            if (!isLocalpartCharacter(c)) {
                throw new IllegalArgumentException("invalid Matrix localpart \"" + localpart
                        + "\": character '" + c + "' at position " + i
                        + " is not allowed; use only a-z, 0-9 and . _ = - / +");
            }
        }
        if (localpart.charAt(0) == '_') {
            throw new IllegalArgumentException("invalid Matrix localpart \"" + localpart
                    + "\": a leading _ is reserved for application-service users");
        }
        if (serverName == null || !SERVER_NAME.matcher(serverName).matches()) {
            throw new IllegalArgumentException("invalid Matrix server name \"" + serverName
                    + "\": expected a host name or IP literal with an optional port");
        }
        String userId = "@" + localpart + ":" + serverName;
        if (userId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Matrix user id for localpart \"" + localpart
                    + "\" is " + userId.length() + " characters long; at most " + MAX_LENGTH
                    + " are allowed");
        }
        return userId;
    }

    private static boolean isLocalpartCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "._=-/+".indexOf(c) >= 0;
    }

    /** Rejects what cannot be a user id at all; existing ids may predate the strict grammar. */
    static String requireUserId(String userId) {
        if (userId == null || !userId.startsWith("@") || userId.indexOf(':') < 2) {
            throw new IllegalArgumentException("not a Matrix user id (@localpart:server): "
                    + userId);
        }
        return userId;
    }
}
