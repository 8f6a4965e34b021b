package org.agencyworkspace.files.delivery;

import java.time.Instant;

/**
 * What a delivered copy is marked with.
 *
 * @param banner the classification banner, top and bottom of every page ({@code 密 SECRET})
 * @param viewerName who receives the copy, in the diagonal mark
 * @param viewerId their user id
 * @param at when the copy was made
 * @param documentId the file's id
 * @param deliveryId the invisible fingerprint that traces a leaked copy to this delivery
 * @param copyNumber the copy's number in the copy register
 */
public record Marking(String banner, String viewerName, String viewerId, Instant at,
        String documentId, String deliveryId, int copyNumber) {
}
