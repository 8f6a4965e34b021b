package org.agencyworkspace.connector.documents;

import java.util.List;
import java.util.Optional;

/**
 * The delivery ids found in a copy of a watermarked document.
 *
 * @param fromMetadata the id in the document information, gone if someone stripped the metadata
 * @param fromContent the distinct ids of the invisible content markers, in page order; more than
 *     one when pages of several deliveries were put together
 */
public record Fingerprint(Optional<String> fromMetadata, List<String> fromContent) {

    public Fingerprint {
        fromContent = List.copyOf(fromContent);
    }

    /** The delivery the copy traces to: the content marker, else the metadata. */
    public Optional<String> deliveryId() {
        return fromContent.isEmpty() ? fromMetadata : Optional.of(fromContent.get(0));
    }
}
