package org.agencyworkspace.connector.einvoice;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A 64-bit difference hash (dHash) of a picture: shrunk to 9 x 8 greys, one bit per pair of
 * horizontal neighbours (is the left one brighter). A re-taken photo or a re-saved scan of the
 * same receipt lands within a few bits; different receipts differ in about half.
 */
public final class PhotoHash {

    private PhotoHash() {
    }

    public static long of(BufferedImage picture) {
        BufferedImage small = new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        // Area averaging through two steps, so a large photo's noise does not decide the bits.
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture.getScaledInstance(9, 8, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        long hash = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int left = small.getRaster().getSample(x, y, 0);
                int right = small.getRaster().getSample(x + 1, y, 0);
                hash = hash << 1 | (left > right ? 1 : 0);
            }
        }
        return hash;
    }

    /** Bits that differ. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
