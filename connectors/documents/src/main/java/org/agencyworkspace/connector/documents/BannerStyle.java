package org.agencyworkspace.connector.documents;

/**
 * How a level's banner looks: its text colour on its band colour, and its size. Sized from the
 * page rather than in points, so the banner keeps its proportion on every page size and user unit:
 * an A4 page fitted to a 360-pixel-wide phone screen shows a banner of {@value #DEFAULT_SIZE}
 * percent as text about 12 pixels high.
 *
 * @param textRgb the banner text's colour, {@code 0xRRGGBB}
 * @param bandRgb the colour of the band behind it, {@code 0xRRGGBB}
 * @param sizePercent the text size in percent of the page's shorter visible side, from
 *     {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @throws IllegalArgumentException when a colour is out of range, the size out of bounds, or the
 *     contrast of text and band below {@value #MIN_CONTRAST}:1 (WCAG 2 level AAA for text)
 */
public record BannerStyle(int textRgb, int bandRgb, float sizePercent) {

    static final float MIN_SIZE = 3f;
    static final float MAX_SIZE = 6f;
    static final float DEFAULT_SIZE = 3.5f;
    static final double MIN_CONTRAST = 7.0;

    /** Dark red on white, for banners that come without a level's own style. */
    public static final BannerStyle DEFAULT = new BannerStyle(0x9E0000, 0xFFFFFF, DEFAULT_SIZE);

    public BannerStyle {
        if ((textRgb & ~0xFFFFFF) != 0 || (bandRgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("colours are 0xRRGGBB values");
        }
        if (!(sizePercent >= MIN_SIZE && sizePercent <= MAX_SIZE)) {
            throw new IllegalArgumentException("banner size must be " + MIN_SIZE + " to " + MAX_SIZE
                    + " percent of the page's shorter side");
        }
        double contrast = contrast(textRgb, bandRgb);
        if (contrast < MIN_CONTRAST) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "banner contrast %.1f:1 is below %.0f:1", contrast, MIN_CONTRAST));
        }
    }

    /** The WCAG 2 contrast ratio of two colours, 1 to 21. */
    static double contrast(int rgb1, int rgb2) {
        double l1 = luminance(rgb1);
        double l2 = luminance(rgb2);
        return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    }

    private static double luminance(int rgb) {
        return 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
    }

    private static double linear(int channel) {
        double c = (channel & 0xFF) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    float[] text() {
        return components(textRgb);
    }

    float[] band() {
        return components(bandRgb);
    }

    private static float[] components(int rgb) {
        return new float[] {((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f};
    }
}
