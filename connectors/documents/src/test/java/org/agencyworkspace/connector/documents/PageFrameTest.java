package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Point2D;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageFrameTest {

    private static final PDRectangle CROP = new PDRectangle(-250, 260, 400, 500);

    @ParameterizedTest
    @ValueSource(ints = {0, 90, 180, 270, -90, 450})
    void theShownCornersAreTheCropBoxCorners(int rotation) {
        PDPage page = new PDPage(new PDRectangle(-300, 200, 612, 792));
        page.setCropBox(CROP);
        page.setRotation(rotation);

        PageFrame frame = PageFrame.of(page);

        boolean sideways = Math.floorMod(rotation, 180) == 90;
        assertThat(frame.width()).isEqualTo(sideways ? 500 : 400);
        assertThat(frame.height()).isEqualTo(sideways ? 400 : 500);
        for (float[] corner : new float[][] {{0, 0}, {frame.width(), 0}, {0, frame.height()},
            {frame.width(), frame.height()}}) {
            Point2D.Float user = frame.toUserSpace().transformPoint(corner[0], corner[1]);
            assertThat(user.x).isIn(CROP.getLowerLeftX(), CROP.getUpperRightX());
            assertThat(user.y).isIn(CROP.getLowerLeftY(), CROP.getUpperRightY());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 90, 180, 270})
    void upOnScreenIsUpAfterTheViewerTurnsThePage(int rotation) {
        PDPage page = new PDPage(PDRectangle.A4);
        page.setRotation(rotation);
        PageFrame frame = PageFrame.of(page);

        Point2D.Float origin = frame.toUserSpace().transformPoint(0, 0);
        Point2D.Float up = frame.toUserSpace().transformPoint(0, 1);
        // The viewer turns user space clockwise by /Rotate; turning "up" back must give screen up.
        double angle = Math.toRadians(-rotation);
        double dx = up.x - origin.x;
        double dy = up.y - origin.y;
        assertThat(dx * Math.sin(angle) + dy * Math.cos(angle)).isCloseTo(1, within(1e-4));
    }
}
