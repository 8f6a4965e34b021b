package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws one {@link Marking} on the pages of one open document, normalised first by
 * {@link PdfNormaliser} so that the page's own content ends in the initial graphics state. The
 * marks of a page size are drawn once into a form XObject that every page of that size shows
 * through its own frame matrix, so a page costs one short appended content stream, as
 * {@code qpdf --overlay} does. The form sets every parameter it relies on itself (colour, alpha,
 * text rendering mode), and is the last thing drawn on the page.
 */
final class PdfStamper {

    /** Starts the invisible text that carries the delivery id on every page. */
    static final String CONTENT_MARKER = "awfp:";

    /** How the mark prints its time; the bundle manifest prints the same. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final float[] MARK_GREY = {0.35f, 0.35f, 0.35f};

    private final PDDocument document;
    private final PDType0Font font;
    private final Marking marking;
    private final List<String> markLines;
    private final Map<Long, PDFormXObject> formsBySize = new HashMap<>();

    PdfStamper(PDDocument document, StampFontSubsets fonts, Marking marking) throws IOException {
        this.document = document;
        this.marking = marking;
        this.markLines = List.of(marking.viewerName() + " (" + marking.userId() + ")",
                TIME.format(marking.time()), marking.documentId());
        List<String> drawn = new ArrayList<>(markLines);
        drawn.add(marking.banner());
        drawn.add(CONTENT_MARKER + marking.deliveryId());
        this.font = fonts.load(document, drawn);
    }

    /** Appends the banners, the viewer mark and the content marker on top of {@code page}. */
    void stamp(PDPage page) throws IOException {
        PageFrame frame = PageFrame.of(page);
        PDFormXObject marks = formsBySize.computeIfAbsent(sizeKey(frame), key -> drawMarks(frame));
        COSName name = page.getResources().add(marks);
        Matrix m = frame.toUserSpace();
        // Written directly (PDPageContentStream costs more to set up than this line): uncompressed,
        // a few dozen bytes. No reset of the graphics state: the normalised content already sits
        // in its own q/Q with everything it opened closed.
        COSStream stamp = document.getDocument().createCOSStream();
        try (OutputStream out = stamp.createOutputStream()) {
            new ContentStreamWriter(out).writeTokens(Operator.getOperator("q"), PdfNormaliser.number(m.getScaleX()),
                    PdfNormaliser.number(m.getShearY()), PdfNormaliser.number(m.getShearX()),
                    PdfNormaliser.number(m.getScaleY()), PdfNormaliser.number(m.getTranslateX()),
                    PdfNormaliser.number(m.getTranslateY()), Operator.getOperator("cm"), name,
                    Operator.getOperator("Do"), Operator.getOperator("Q"));
        }
        COSBase own = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
        COSArray contents = own instanceof COSArray array ? array : new COSArray();
        if (own instanceof COSStream) {
            contents.add(own);
        }
        contents.add(stamp);
        page.getCOSObject().setItem(COSName.CONTENTS, contents);
    }

    private static long sizeKey(PageFrame frame) {
        return ((long) Math.round(frame.width() * 10) << 32) | Math.round(frame.height() * 10);
    }

    private PDFormXObject drawMarks(PageFrame frame) {
        float width = frame.width();
        float height = frame.height();
        // An appearance stream is a plain form XObject whose content stream knows the document.
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

    /**
     * A band across the top and bottom of the page with the banner centred in it, in the level's
     * colours and size. The band is opaque: the contrast the style promises holds over any page.
     */
    private void drawBanners(PDPageContentStream content, float width, float height) throws IOException {
        String banner = marking.banner();
        BannerStyle style = marking.style();
        float size = Math.min(width, height) * style.sizePercent() / 100f;
        size = Math.min(size, 0.92f * width / textWidth(banner, 1f));
        float band = size * 1.8f;
        float[] bandColour = style.band();
        content.setGraphicsStateParameters(alpha(1f));
        content.setNonStrokingColor(bandColour[0], bandColour[1], bandColour[2]);
        content.addRect(0, height - band, width, band);
        content.addRect(0, 0, width, band);
        content.fill();

        float x = (width - textWidth(banner, size)) / 2;
        float baselineOffset = (band - size * 0.7f) / 2;
        float[] text = style.text();
        content.setNonStrokingColor(text[0], text[1], text[2]);
        content.setStrokingColor(text[0], text[1], text[2]);
        // A thin outline in the text colour makes the light CJK strokes bolder on a small screen.
        content.setLineWidth(size * 0.03f);
        content.beginText();
        content.setFont(font, size);
        content.setRenderingMode(RenderingMode.FILL_STROKE);
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
        content.setRenderingMode(RenderingMode.FILL);
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
