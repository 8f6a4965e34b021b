package org.agencyworkspace.connector.documents;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one delivery of a document carries: the classification banner and the viewer mark that
 * everyone sees, and the delivery id hidden in the fingerprint.
 *
 * @param banner the label as the agency shows it, e.g. {@code 密 SECRET}
 *     ({@link ClassificationLevel#banner()})
 * @param viewerName the person the copy is for, printed in the diagonal mark
 * @param userId that person's account id, printed beside the name
 * @param time when the copy was made, printed in its own offset
 * @param documentId the document's id in the workspace, printed in the mark
 * @param deliveryId the delivery record's id: 1 to 64 letters, digits, {@code .}, {@code _} or
 *     {@code -}; hidden in the fingerprint, so {@link FingerprintReader} can trace a leaked copy
 * @param style the banner's colours and size, from the level's settings
 *     ({@link ClassificationLevel#style()})
 * @throws DocumentRejectedException {@code INVALID_NAME} when a value is blank, too long or has
 *     control characters, or the delivery id has another form
 */
public record Marking(String banner, String viewerName, String userId, OffsetDateTime time,
        String documentId, String deliveryId, BannerStyle style) {

    static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Marking {
        Names.requirePrintable(banner, "banner");
        Names.requirePrintable(viewerName, "viewer name");
        Names.requirePrintable(userId, "user id");
        Objects.requireNonNull(time, "time required");
        Names.requirePrintable(documentId, "document id");
        if (deliveryId == null || !DELIVERY_ID.matcher(deliveryId).matches()) {
            throw Names.invalid("delivery id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(style, "style required");
    }

    /**
     * A marking whose banner has the style of the shipped level that prints it (so {@code 密 SECRET}
     * and {@code 密 SECRET · 第 3 份 COPY 3} alike print in SECRET's), else {@link BannerStyle#DEFAULT}.
     */
    public Marking(String banner, String viewerName, String userId, OffsetDateTime time, String documentId,
            String deliveryId) {
        this(banner, viewerName, userId, time, documentId, deliveryId,
                banner == null ? BannerStyle.DEFAULT : ClassificationLevel.styleOfBanner(banner));
    }

    /** This delivery with another banner: a bundle's items keep their own level's banner. */
    Marking withBanner(String otherBanner, BannerStyle otherStyle) {
        return new Marking(otherBanner, viewerName, userId, time, documentId, deliveryId, otherStyle);
    }
}
