package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws one {@link Marking} on the pages of one open document. The marks of a page size are drawn
 * once into a form XObject that every page of that size shows through its own frame matrix, so a
 * page costs one short appended content stream, as {@code qpdf --overlay} does.
 */
final class PdfStamper {

    /** Starts the invisible text that carries the delivery id on every page. */
    static final String CONTENT_MARKER = "awfp:";

    /** How the mark prints its time; the bundle manifest prints the same. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final float[] BANNER_RED = {0.72f, 0f, 0f};
    private static final float[] MARK_GREY = {0.35f, 0.35f, 0.35f};

    private final PDDocument document;
    private final PDType0Font font;
    private final Marking marking;
    private final List<String> markLines;
    private final Map<Long, PDFormXObject> formsBySize = new HashMap<>();

    PdfStamper(PDDocument document, CjkFont.Opened font, Marking marking) throws IOException {
        this.document = document;
        this.font = PDType0Font.load(document, font.font(), true);
        this.marking = marking;
        this.markLines = List.of(marking.viewerName() + " (" + marking.userId() + ")",
                TIME.format(marking.time()), marking.documentId());
    }

    /** Appends the banners, the viewer mark and the content marker on top of {@code page}. */
    void stamp(PDPage page) throws IOException {
        PageFrame frame = PageFrame.of(page);
        PDFormXObject marks = formsBySize.computeIfAbsent(sizeKey(frame), key -> drawMarks(frame));
        // Uncompressed: the stream is a few dozen bytes; resetContext wraps the page's own content in q/Q.
        try (PDPageContentStream content = new PDPageContentStream(document, page, AppendMode.APPEND, false, true)) {
            content.saveGraphicsState();
            content.transform(frame.toUserSpace());
            content.drawForm(marks);
            content.restoreGraphicsState();
        }
    }

    private static long sizeKey(PageFrame frame) {
        return ((long) Math.round(frame.width() * 10) << 32) | Math.round(frame.height() * 10);
    }

    private PDFormXObject drawMarks(PageFrame frame) {
        float width = frame.width();
        float height = frame.height();
        // An appearance stream is a plain form XObject; unlike PDFormContentStream, its content
        // stream knows the document, which then subsets the font's used glyphs when it is saved.
        PDAppearanceStream form = new PDAppearanceStream(document.getDocument().createCOSStream());
        form.setBBox(new PDRectangle(width, height));
        form.setResources(new PDResources());
        try (PDPageContentStream content = new PDPageContentStream(document, form)) {
            drawBanners(content, width, height);
            drawViewerMark(content, width, height);
            drawContentMarker(content);
        } catch (IOException e) {
            throw new IllegalStateException("cannot draw the watermark", e);
        }
        return form;
    }

    private void drawBanners(PDPageContentStream content, float width, float height) throws IOException {
        String banner = marking.banner();
        float size = Math.max(6f, Math.min(14f, Math.min(width, height) * 0.022f));
        size = Math.min(size, 0.9f * width / textWidth(banner, 1f));
        float band = size * 1.8f;
        // A light band keeps the banner readable over text or images near the page edge.
        content.saveGraphicsState();
        content.setGraphicsStateParameters(alpha(0.8f));
        content.setNonStrokingColor(1f, 1f, 1f);
        content.addRect(0, height - band, width, band);
        content.addRect(0, 0, width, band);
        content.fill();
        content.restoreGraphicsState();

        float x = (width - textWidth(banner, size)) / 2;
        float baselineOffset = (band - size * 0.7f) / 2;
        content.setNonStrokingColor(BANNER_RED[0], BANNER_RED[1], BANNER_RED[2]);
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, height - band + baselineOffset);
        content.showText(banner);
        content.endText();
        content.beginText();
        content.newLineAtOffset(x, baselineOffset);
        content.showText(banner);
        content.endText();
    }

    private void drawViewerMark(PDPageContentStream content, float width, float height) throws IOException {
        double angle = Math.atan2(height, width);
        float diagonal = (float) Math.hypot(width, height);
        float widest = (float) markLines.stream().mapToDouble(line -> textWidth(line, 1f)).max().orElse(1);
        float size = Math.max(6f, Math.min(40f, 0.6f * diagonal / widest));
        float lineHeight = size * 1.3f;
        content.saveGraphicsState();
        content.setGraphicsStateParameters(alpha(0.22f));
        content.setNonStrokingColor(MARK_GREY[0], MARK_GREY[1], MARK_GREY[2]);
        content.beginText();
        content.setFont(font, size);
        for (int i = 0; i < markLines.size(); i++) {
            String line = markLines.get(i);
            float lineOffset = ((markLines.size() - 1) / 2f - i) * lineHeight - size * 0.35f;
            Matrix placement = Matrix.getRotateInstance(angle, width / 2, height / 2);
            placement.concatenate(Matrix.getTranslateInstance(-textWidth(line, size) / 2, lineOffset));
            content.setTextMatrix(placement);
            content.showText(line);
        }
        content.endText();
        content.restoreGraphicsState();
    }

    /** Invisible text (render mode 3): extracted with the page text, never painted. */
    private void drawContentMarker(PDPageContentStream content) throws IOException {
        content.beginText();
        content.setFont(font, 2);
        content.setRenderingMode(RenderingMode.NEITHER);
        content.newLineAtOffset(2, 2);
        content.showText(CONTENT_MARKER + marking.deliveryId());
        content.endText();
    }

    private float textWidth(String text, float size) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure the watermark text", e);
        }
    }

    private static PDExtendedGraphicsState alpha(float alpha) {
        PDExtendedGraphicsState state = new PDExtendedGraphicsState();
        state.setNonStrokingAlphaConstant(alpha);
        state.setStrokingAlphaConstant(alpha);
        return state;
    }
}
