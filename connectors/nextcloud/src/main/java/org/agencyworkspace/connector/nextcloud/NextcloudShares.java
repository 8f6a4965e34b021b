package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OCS share API ({@code /ocs/v2.php/apps/files_sharing/api/v1/shares}) as the connector's
 * account. Get it from {@link NextcloudConnector#shares()}.
 *
 * <p>The API only ever shows the signed-in account's own view: the shares it made (or, with
 * {@code reshares}, those on its items), and those made with it. An admin cannot list or revoke
 * another user's shares through it; that takes the other account's credentials or {@code occ} on
 * the server.
 *
 * <p>Every method may throw {@link org.agencyworkspace.connector.TransientConnectorException}
 * (unreachable, 5xx, 429) and {@link OcsRefusedException} for a refusal in an OCS envelope
 * (400 bad input such as an unknown share type or a password the policy rejects, 403 sharing
 * forbidden, 404 on create: the path cannot be shared).
 */
public interface NextcloudShares {

    /**
     * {@code GET /shares?path=...}: the shares of one file or folder.
     *
     * @param reshares also shares others made of it, not only this account's
     * @param subfiles for a folder: the shares of what it holds instead of the folder's own
     * @throws NotFoundException when there is no such file or folder
     */
    List<Share> sharesOf(FilePath path, boolean reshares, boolean subfiles);

    /** {@code GET /shares}: every share this account made. */
    List<Share> myShares();

    /** {@code GET /shares?shared_with_me=true}: the shares others made with this account. */
    List<Share> sharedWithMe();

    /** {@code GET /shares/<id>}; empty when there is no such share (or not one of ours). */
    Optional<Share> find(String shareId);

    /** {@code POST /shares} with the fields that are set: the new share. */
    Share create(NewShare share);

    /**
     * {@code DELETE /shares/<id>}.
     *
     * @return true when deleted, false when there was no such share
     */
    boolean delete(String shareId);

    /**
     * {@code PUT /shares/<id>} with {@code expireDate}: the share afterwards.
     *
     * @param lastDay the new last day, or empty to remove the expiry (a server that enforces one
     *     refuses with 400)
     * @throws NotFoundException when there is no such share
     */
    Share updateExpiration(String shareId, Optional<LocalDate> lastDay);

    /**
     * {@code PUT /shares/<id>} with {@code password} (links and e-mail shares).
     *
     * @param password the new password, or empty to remove it
     * @throws NotFoundException when there is no such share
     */
    Share updatePassword(String shareId, Optional<String> password);

    /**
     * {@code PUT /shares/<id>} with {@code permissions}.
     *
     * @throws NotFoundException when there is no such share
     */
    Share updatePermissions(String shareId, Set<SharePermission> permissions);
}
