package org.agencyworkspace.connector.nextcloud;

import java.util.List;

/**
 * Nextcloud's system tags over WebDAV ({@code /remote.php/dav/systemtags/} and
 * {@code /remote.php/dav/systemtags-relations/files/<fileid>/}), as the connector's account.
 * Get it from {@link NextcloudConnector#systemTags()}. Files are named by
 * {@link DavEntry#fileId()}.
 *
 * <p>Exceptions as on {@link NextcloudFiles}; {@link NotFoundException} for a file id or tag id
 * the server does not know. Tags that are invisible or not user-assignable can only be created
 * (and usually assigned) by an admin account: others get a 403 (permanent).
 */
public interface NextcloudSystemTags {

    /** {@code PROPFIND /systemtags/} with {@code Depth: 1}: every tag this account can see. */
    List<SystemTag> listTags();

    /**
     * {@code POST /systemtags/} with {@code {"name","userVisible","userAssignable"}}: creates the
     * tag, or, when Nextcloud answers 409 because it exists, finds and returns the existing one
     * (preferring one with the same flags). Retrying is safe.
     */
    SystemTag createTagIfMissing(String name, boolean userVisible, boolean userAssignable);

    /** {@code PROPFIND /systemtags-relations/files/<fileId>}: the tags on one file. */
    List<SystemTag> tagsOf(long fileId);

    /**
     * {@code PUT /systemtags-relations/files/<fileId>/<tagId>}. Assigning a tag the file already
     * has succeeds again.
     *
     * @throws NotFoundException when there is no such file, or no such tag (Nextcloud answers
     *     412 for an unknown tag)
     */
    void assign(long fileId, String tagId);

    /**
     * {@code DELETE /systemtags-relations/files/<fileId>/<tagId>}.
     *
     * @return true when removed, false when the file did not have it (404)
     */
    boolean unassign(long fileId, String tagId);
}
