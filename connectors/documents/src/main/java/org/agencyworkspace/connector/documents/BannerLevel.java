package org.agencyworkspace.connector.documents;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A classification level as the watermark engine prints it: its code, its names in Chinese and
 * English, and its banner's look. The application describes its configured levels this way
 * ({@code workspace.classification.levels}), so a level a deployment adds is marked like the
 * shipped ones.
 *
 * @param code the code used in settings and on the command line, e.g. {@code restricted}
 * @param nameZh the level as marked on documents, e.g. {@code 限閱}
 * @param nameEn the level in English, e.g. {@code Restricted}
 * @param style the banner's colours and size
 */
public record BannerLevel(String code, String nameZh, String nameEn, BannerStyle style) {

    public BannerLevel {
        Names.requirePrintable(code, "level code");
        Names.requirePrintable(nameZh, "level name");
        Names.requirePrintable(nameEn, "level name");
        Objects.requireNonNull(style, "style");
    }

    /**
     * A level whose banner looks as a delivered copy's does: in the style of the shipped level
     * its banner starts with, else {@link BannerStyle#DEFAULT}.
     */
    public static BannerLevel of(String code, String nameZh, String nameEn) {
        String banner = banner(nameZh, nameEn);
        return new BannerLevel(code, nameZh, nameEn, ClassificationLevel.styleOfBanner(banner));
    }

    /**
     * The level of {@code code} among {@code levels}.
     *
     * @throws DocumentRejectedException {@link DocumentRejectedException.Reason#UNKNOWN_LABEL}
     *     naming the known codes
     */
    public static BannerLevel find(List<BannerLevel> levels, String code) {
        return levels.stream().filter(level -> level.code.equals(code)).findFirst()
                .orElseThrow(() -> new DocumentRejectedException(
                        DocumentRejectedException.Reason.UNKNOWN_LABEL,
                        "unknown label '" + Names.printable(code) + "' (known: " + codes(levels) + ")"));
    }

    static String codes(List<BannerLevel> levels) {
        return levels.stream().map(BannerLevel::code).collect(Collectors.joining(", "));
    }

    /** The text printed at the top and bottom of every page: {@code 限閱 RESTRICTED}. */
    public String banner() {
        return banner(nameZh, nameEn);
    }

    private static String banner(String nameZh, String nameEn) {
        return nameZh + " " + nameEn.toUpperCase(Locale.ROOT);
    }
}
