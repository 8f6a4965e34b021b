package org.agencyworkspace.connector.nextcloud;

import java.util.Arrays;

/** Who a share is with, as Nextcloud's {@code shareType} code (reference §6). */
public enum ShareType {
    /** 0: another account of this Nextcloud. */
    USER(0),
    /** 1: a group. */
    GROUP(1),
    /** 3: a public link (token and URL); may carry a password and an expiry date. */
    PUBLIC_LINK(3),
    /** 4: a person by e-mail, who gets a link. */
    EMAIL(4),
    /** 6: an account on another server, by federated cloud id ({@code user@server}). */
    FEDERATED(6),
    /** 7: a circle (team). */
    CIRCLE(7),
    /** 8: a guest account. */
    GUEST(8),
    /** 9: a group on another server. */
    REMOTE_GROUP(9),
    /** 10: a Talk conversation. */
    TALK_ROOM(10),
    /** 12: a Deck board. */
    DECK(12),
    /** 15: Science Mesh. */
    SCIENCE_MESH(15),
    /** A code this connector does not know (a newer server or app). */
    OTHER(-1);

    private final int code;

    ShareType(int code) {
        this.code = code;
    }

    /** The {@code shareType} / {@code share_type} number. */
    public int code() {
        return code;
    }

    static ShareType of(int code) {
        return Arrays.stream(values()).filter(type -> type.code == code && code >= 0)
                .findFirst().orElse(OTHER);
    }
}
