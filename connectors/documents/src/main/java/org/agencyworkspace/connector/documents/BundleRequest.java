package org.agencyworkspace.connector.documents;

import java.util.List;
import java.util.Objects;

/**
 * A folder exported as one marked PDF: a manifest, then every item's pages.
 *
 * @param title what the bundle is (e.g. the folder's name), at the head of the manifest
 * @param items the documents, in bundle order
 * @param marking the delivery; its banner marks the manifest and must be the highest level among
 *     the items, since combined material takes the highest level (國家機密保護法 §17). The items'
 *     pages carry the same viewer mark and fingerprint with their own banner.
 * @throws DocumentRejectedException {@code EMPTY} without items, {@code INVALID_NAME} for a bad title
 */
public record BundleRequest(String title, List<BundleItem> items, Marking marking) {

    public BundleRequest {
        Names.requirePrintable(title, "bundle title");
        items = List.copyOf(Objects.requireNonNull(items, "items required"));
        Objects.requireNonNull(marking, "marking required");
        if (items.isEmpty()) {
            throw new DocumentRejectedException(DocumentRejectedException.Reason.EMPTY, "a bundle without items");
        }
    }
}
