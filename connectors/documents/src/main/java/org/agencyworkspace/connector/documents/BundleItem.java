package org.agencyworkspace.connector.documents;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One document of a bundle.
 *
 * @param name what the manifest lists it as, e.g. its file name
 * @param source the file: a PDF or an Office file (converted as {@link Watermarker#watermark} does)
 * @param banner the item's own classification banner, printed on its pages
 * @param style how that banner looks (its level's settings)
 * @throws DocumentRejectedException {@code INVALID_NAME} when the name or banner is blank, too
 *     long or has control characters
 */
public record BundleItem(String name, Path source, String banner, BannerStyle style) {

    public BundleItem {
        Names.requirePrintable(name, "item name");
        Objects.requireNonNull(source, "source required");
        Names.requirePrintable(banner, "item banner");
        Objects.requireNonNull(style, "style required");
    }

    /** An item whose banner has the style of the shipped level that prints it, as {@link Marking}'s. */
    public BundleItem(String name, Path source, String banner) {
        this(name, source, banner, banner == null ? BannerStyle.DEFAULT : ClassificationLevel.styleOfBanner(banner));
    }
}
