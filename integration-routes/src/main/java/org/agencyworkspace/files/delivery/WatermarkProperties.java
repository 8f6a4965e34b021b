package org.agencyworkspace.files.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The watermark engine ({@code workspace.watermark.*}).
 *
 * @param fontFile a TrueType CJK font for banners and marks; unset picks the first installed of
 *     the known ones (AR PL UMing from Debian's {@code fonts-arphic-uming}, ...)
 * @param fontFace in a {@code .ttc} collection, the face's PostScript name; the first face if unset
 * @param maxInputMegabytes the largest file that is marked
 * @param maxPages the most pages a marked file (or a folder's bundle) may have
 * @param thumbnailWidth the widest a thumbnail is, in pixels
 * @param thumbnailHeight the tallest a thumbnail is, in pixels
 * @param qpdfCheck whether qpdf checks every marked copy too, after PDFBox's read-back and OpenPDF's
 *     structural check (which always run); qpdf must then be on the PATH. A process per copy:
 *     about as much time again as the marking
 */
@Validated
@ConfigurationProperties(prefix = "workspace.watermark", ignoreUnknownFields = false)
public record WatermarkProperties(
        Path fontFile,
        String fontFace,
        @Min(1) @Max(4096) @DefaultValue("256") int maxInputMegabytes,
        @Min(1) @Max(100_000) @DefaultValue("10000") int maxPages,
        @Min(16) @Max(4096) @DefaultValue("320") int thumbnailWidth,
        @Min(16) @Max(4096) @DefaultValue("480") int thumbnailHeight,
        @DefaultValue("false") boolean qpdfCheck) {
}
