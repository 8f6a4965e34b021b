package org.agencyworkspace.connector.nextcloud;

import java.util.Optional;

/**
 * What a successful {@link NextcloudFiles#upload} did.
 *
 * @param created true when the file is new (201), false when an existing one was replaced
 * @param etag the new {@code ETag} when the server sent one with its answer (Nextcloud sends
 *     {@code ETag} or {@code OC-ETag}; Apache {@code mod_dav} sends none: read it with
 *     {@link NextcloudFiles#stat})
 * @param chunks how many chunks were sent; 0 for a single {@code PUT}
 */
public record Upload(boolean created, Optional<ETag> etag, int chunks) {
}
