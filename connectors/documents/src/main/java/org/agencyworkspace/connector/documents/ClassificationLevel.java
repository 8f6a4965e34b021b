package org.agencyworkspace.connector.documents;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The workspace's default classification levels (the codes of
 * {@code workspace.identity.clearance-levels}) and the banner each one prints on every page, in
 * Chinese and English. 密 is a general official secret; 機密, 極機密 and 絕對機密 are the three
 * national-secret levels of 國家機密保護法 §4.
 */
public enum ClassificationLevel {
    UNMARKED("unmarked", "無密等 UNMARKED", new BannerStyle(0x00572A, 0xFFFFFF, 3.5f)),
    SECRET("secret", "密 SECRET", new BannerStyle(0x9E0000, 0xFFFFFF, 3.5f)),
    CONFIDENTIAL("confidential", "機密 CONFIDENTIAL", new BannerStyle(0x0B3D91, 0xFFFFFF, 3.5f)),
    TOP_SECRET("top-secret", "極機密 TOP SECRET", new BannerStyle(0xFFFFFF, 0x9E0000, 4f)),
    ABSOLUTELY_SECRET("absolutely-secret", "絕對機密 ABSOLUTELY SECRET", new BannerStyle(0xFFFFFF, 0x000000, 4f));

    private final String code;
    private final String banner;
    private final BannerStyle style;

    ClassificationLevel(String code, String banner, BannerStyle style) {
        this.code = code;
        this.banner = banner;
        this.style = style;
    }

    /** The code used in settings and on the command line, e.g. {@code top-secret}. */
    public String code() {
        return code;
    }

    /** The text printed at the top and bottom of every page, e.g. {@code 密 SECRET}. */
    public String banner() {
        return banner;
    }

    /** How the banner looks: the higher levels print white on a solid band, larger. */
    public BannerStyle style() {
        return style;
    }

    /**
     * The style of the shipped level whose banner {@code banner} starts with (a delivered copy's
     * banner may go on with its copy number), the longest such banner winning; otherwise
     * {@link BannerStyle#DEFAULT}, e.g. for a level a deployment configured itself.
     */
    static BannerStyle styleOfBanner(String banner) {
        return Arrays.stream(values()).filter(level -> banner.startsWith(level.banner))
                .max(Comparator.comparingInt(level -> level.banner.length()))
                .map(ClassificationLevel::style).orElse(BannerStyle.DEFAULT);
    }

    /** The shipped levels as the engine's level descriptions, lowest first. */
    public static List<BannerLevel> shipped() {
        return Arrays.stream(values()).map(level -> {
            int space = level.banner.indexOf(' ');
            return new BannerLevel(level.code, level.banner.substring(0, space),
                    level.banner.substring(space + 1), level.style);
        }).toList();
    }
}
