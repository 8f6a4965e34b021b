package org.agencyworkspace.connector.documents;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

/**
 * A page as a viewer shows it: the visible box (crop box, else media box) turned by the page's
 * {@code /Rotate}, with the matrix from that upright view (origin bottom left) to the page's own
 * user space. Drawing through it puts text upright on screen whatever the rotation and box origin.
 *
 * @param width shown width in points
 * @param height shown height in points
 * @param toUserSpace from shown coordinates to the page's user space
 */
record PageFrame(float width, float height, Matrix toUserSpace) {

    static PageFrame of(PDPage page) {
        PDRectangle box = page.getCropBox();
        float llx = box.getLowerLeftX();
        float lly = box.getLowerLeftY();
        float urx = box.getUpperRightX();
        float ury = box.getUpperRightY();
        float w = box.getWidth();
        float h = box.getHeight();
        // /Rotate turns the page clockwise for display; each matrix undoes that turn.
        return switch (Math.floorMod(page.getRotation(), 360)) {
            case 90 -> new PageFrame(h, w, new Matrix(0, 1, -1, 0, urx, lly));
            case 180 -> new PageFrame(w, h, new Matrix(-1, 0, 0, -1, urx, ury));
            case 270 -> new PageFrame(h, w, new Matrix(0, -1, 1, 0, llx, ury));
            default -> new PageFrame(w, h, Matrix.getTranslateInstance(llx, lly));
        };
    }
}
