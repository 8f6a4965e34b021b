package org.agencyworkspace.files.delivery;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns a stored file into a marked PDF: the seam in front of the documents connector's
 * watermark engine (Office files are converted first).
 */
public interface CopyMarker {

    /**
     * Writes a marked PDF of {@code original} to {@code pdf}.
     *
     * @param fileName the file's name, whose extension says what it is
     * @throws WatermarkFailedException when the file cannot be marked; then {@code pdf} holds
     *     nothing that may be served
     */
    void watermark(Path original, String fileName, Marking marking, Path pdf);

    /**
     * One file of a bundle.
     *
     * @param original its content
     * @param name what the manifest calls it (its path within the exported folder)
     * @param banner its own classification banner, printed on its pages
     */
    record BundlePart(Path original, String name, String banner) {
    }

    /**
     * Writes one marked PDF of several files to {@code pdf}: a manifest listing them with their
     * levels, marked with {@code marking} (whose banner is the highest of theirs), then each
     * file's pages with its own banner and the same viewer mark and fingerprint.
     *
     * @throws WatermarkFailedException when any part cannot be marked; then {@code pdf} holds
     *     nothing that may be served
     */
    void bundle(String title, List<BundlePart> parts, Marking marking, Path pdf);

    /**
     * Writes a PNG picture of the first page of {@code markedPdf}, a PDF this watermarker
     * marked, to {@code png}; an unmarked PDF is refused, never pictured.
     *
     * @throws WatermarkFailedException when it cannot be drawn
     */
    void thumbnail(Path markedPdf, Path png);
}
