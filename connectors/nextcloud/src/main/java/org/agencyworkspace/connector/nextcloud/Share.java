package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One share as the OCS share API reports it.
 *
 * @param id the share id, for update and delete
 * @param type who it is with
 * @param owner {@code uid_owner}: the account that made the share
 * @param path {@code path}: where the shared item is, as the signed-in account sees it
 * @param folder whether a folder is shared ({@code item_type} {@code folder})
 * @param fileId {@code item_source}: the shared item's file id
 * @param shareWith {@code share_with}: user id, group id, e-mail or cloud id; empty for links
 * @param shareWithDisplayName {@code share_with_displayname}; empty when none
 * @param permissions {@code permissions} as a set
 * @param expiration {@code expiration}, the last day the share works
 * @param token {@code token} of a public link (also set for e-mail shares)
 * @param url {@code url} of a public link
 * @param note {@code note} to the recipient; empty when none
 */
public record Share(String id, ShareType type, String owner, FilePath path, boolean folder,
        long fileId, String shareWith, String shareWithDisplayName,
        Set<SharePermission> permissions, Optional<LocalDate> expiration, Optional<String> token,
        Optional<String> url, String note) {

    public Share {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        permissions = Set.copyOf(permissions);
    }

    /** Leaves the link token out: it grants access to whoever holds it. */
    @Override
    public String toString() {
        return "Share[id=" + id + ", type=" + type + ", owner=" + owner + ", path=" + path
                + ", shareWith=" + shareWith + ", permissions=" + permissions + ", expiration="
                + expiration.map(LocalDate::toString).orElse("none") + "]";
    }
}
