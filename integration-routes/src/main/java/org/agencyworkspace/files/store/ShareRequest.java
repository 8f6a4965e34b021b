package org.agencyworkspace.files.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A share to make.
 *
 * @param type who it reaches; {@link FileShare.Type#EXTERNAL} is a link mailed to an address
 * @param sharedWith the colleague's login, the group (department code) or the e-mail address;
 *     null for a public link
 * @param expires the last day it works; null for the store's default
 * @param password the link's password; null for none. Never logged or audited.
 */
public record ShareRequest(FileShare.Type type, String sharedWith, LocalDate expires,
        String password) {

    public ShareRequest {
        Objects.requireNonNull(type, "type required");
        if (type == FileShare.Type.OTHER) {
            throw new IllegalArgumentException("type must be USER, GROUP, PUBLIC_LINK or EXTERNAL");
        }
        if (type == FileShare.Type.PUBLIC_LINK) {
            sharedWith = null;
        } else if (sharedWith == null || sharedWith.isBlank() || sharedWith.length() > 255
                || sharedWith.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("sharedWith must be 1 to 255 printable characters for "
                    + type);
        } else if (type == FileShare.Type.EXTERNAL && !sharedWith.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("an outside share needs an e-mail address");
        }
        if (password != null && (password.length() < 8 || password.length() > 200)) {
            throw new IllegalArgumentException("a share password must be 8 to 200 characters");
        }
    }

    @Override
    public String toString() {
        return "ShareRequest[type=" + type + ", sharedWith=" + sharedWith + ", expires=" + expires
                + ", password=" + (password == null ? "none" : "set") + "]";
    }
}
