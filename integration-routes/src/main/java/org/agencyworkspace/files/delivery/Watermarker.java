package org.agencyworkspace.files.delivery;

import java.nio.file.Path;

/**
 * Turns a stored file into a marked PDF: the seam in front of the documents connector's
 * watermark engine (Office files are converted first).
 */
public interface Watermarker {

    /**
     * Writes a marked PDF of {@code original} to {@code pdf}.
     *
     * @param fileName the file's name, whose extension says what it is
     * @throws WatermarkFailedException when the file cannot be marked; then {@code pdf} holds
     *     nothing that may be served
     */
    void watermark(Path original, String fileName, Marking marking, Path pdf);
}
