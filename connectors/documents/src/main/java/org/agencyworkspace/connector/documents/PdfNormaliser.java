package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.CORRUPT;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.EMPTY;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.TOO_LARGE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

/**
 * Rewrites a parsed PDF into a fresh document that holds only what a page shows: for every page
 * of the page tree (walked from the catalog, never by {@code /Parent}), its visible area (crop box
 * within media box) as both boxes, rotation, user unit, cleaned resources and its content
 * re-tokenised. Nothing else of the source survives:
 * no earlier revisions or unreferenced objects (only what the new document references is
 * written), no outlines, names, embedded files, JavaScript, actions, forms, XFA or optional
 * content configuration, and no annotations: those with an appearance are drawn into the page
 * content, so nothing is painted above the stamp that comes after it.
 *
 * <p>The content is rewritten from PDFBox's tokens, so every reader sees the same operators
 * whatever its stream decoder makes of a damaged stream; operators readers would treat
 * differently are dropped; and it ends in the initial graphics state: unmatched {@code Q}, {@code EMC} and {@code ET} are dropped, and open text objects,
 * marked-content sequences and saved states are closed. Anything that cannot be made so
 * (no page tree, a loop in it, a wrong {@code /Count}, a page without a valid media box, a crop
 * box outside it, content that does not decode) is refused as {@code CORRUPT}.
 */
final class PdfNormaliser {

    /** The PDF limits on a page side (ISO 32000-1 annex C), in default user space units. */
    private static final float MIN_SIDE = 3;
    private static final float MAX_SIDE = 14_400;
    private static final float MAX_USER_UNIT = 75_000;
    /** The least a page may show on its shorter side, in points: a banner of 3.5 % of it is 2.5 pt. */
    private static final float MIN_VISIBLE_POINTS = 72;
    private static final int MAX_TREE_DEPTH = 64;
    /** Decoded content of one page; beyond it a flate bomb would fill the heap. */
    private static final int MAX_CONTENT_BYTES = 32 * 1024 * 1024;
    /** Pages read ahead and rewritten together: bounds the decoded content held at once. */
    private static final int BATCH_PAGES = 64;
    private static final long BATCH_BYTES = 16L * 1024 * 1024;
    private static final int ANNOTATION_HIDDEN = 1 << 1;
    private static final int ANNOTATION_NO_VIEW = 1 << 5;
    private static final COSName POPUP = COSName.getPDFName("Popup");
    /** What a page's resources may name (ISO 32000-1 table 33); ProcSet is obsolete and dropped. */
    private static final List<COSName> RESOURCE_CATEGORIES = List.of(COSName.EXT_G_STATE, COSName.COLORSPACE,
            COSName.PATTERN, COSName.SHADING, COSName.XOBJECT, COSName.FONT, COSName.PROPERTIES);
    private static final COSName USER_UNIT = COSName.getPDFName("UserUnit");
    private static final List<COSName> INFO_KEYS = List.of(COSName.TITLE, COSName.AUTHOR, COSName.SUBJECT,
            COSName.KEYWORDS, COSName.CREATOR, COSName.PRODUCER);

    private final PDDocument source;
    private final PDDocument target;
    private final int pageLimit;
    private final ResourceCleaner cleaner = new ResourceCleaner();
    private int flattened;

    private PdfNormaliser(PDDocument source, PDDocument target, int pageLimit) {
        this.source = source;
        this.target = target;
        this.pageLimit = pageLimit;
    }

    /**
     * Adds the normalised pages of {@code source} to the empty {@code target}; returns how many.
     * {@code source} must stay open until {@code target} is saved: resources are shared, not copied.
     *
     * @throws DocumentRejectedException CORRUPT, EMPTY, or TOO_LARGE beyond {@code pageLimit} pages
     */
    static int normalise(PDDocument source, PDDocument target, int pageLimit) throws IOException {
        return new PdfNormaliser(source, target, pageLimit).run();
    }

    private int run() throws IOException {
        COSBase tree = source.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.PAGES);
        if (!(tree instanceof COSDictionary root)) {
            throw refused("the document has no page tree");
        }
        List<Leaf> leaves = new ArrayList<>();
        walk(root, new Inherited(null, null, null, null), 0, Collections.newSetFromMap(new IdentityHashMap<>()),
                leaves);
        if (leaves.isEmpty()) {
            throw new DocumentRejectedException(EMPTY, "the PDF has no pages");
        }
        int next = 0;
        while (next < leaves.size()) {
            // Pages are read from the source one after the other (PDFBox's parser is not
            // thread-safe), their content rewritten in parallel, a bounded batch at a time.
            List<Prepared> batch = new ArrayList<>();
            long batchBytes = 0;
            Exception refusal = null;
            while (next < leaves.size() && batch.size() < BATCH_PAGES && batchBytes < BATCH_BYTES) {
                try {
                    Prepared prepared = prepare(leaves.get(next), next + 1);
                    batch.add(prepared);
                    batchBytes += prepared.content().length;
                    next++;
                } catch (IOException | RuntimeException e) {
                    // an earlier page of the batch may be refused for its content: that one is named
                    refusal = e;
                    break;
                }
            }
            List<byte[]> contents = InParallel.map(batch, PdfNormaliser::rewrite);
            if (refusal instanceof IOException e) {
                throw e;
            } else if (refusal != null) {
                throw (RuntimeException) refusal;
            }
            for (int i = 0; i < batch.size(); i++) {
                target.addPage(finish(batch.get(i), contents.get(i)));
            }
        }
        copyInformation();
        return leaves.size();
    }

    /** A page dictionary with the attributes it inherits from the nodes above it. */
    private record Leaf(COSDictionary page, Inherited inherited) {
    }

    private record Inherited(COSBase resources, COSBase mediaBox, COSBase cropBox, COSBase rotate) {

        Inherited under(COSDictionary node) {
            return new Inherited(or(node, COSName.RESOURCES, resources), or(node, COSName.MEDIA_BOX, mediaBox),
                    or(node, COSName.CROP_BOX, cropBox), or(node, COSName.ROTATE, rotate));
        }

        private static COSBase or(COSDictionary node, COSName key, COSBase inherited) {
            COSBase own = node.getDictionaryObject(key);
            return own != null ? own : inherited;
        }
    }

    /** Collects the pages below {@code node}; returns how many there are. */
    private int walk(COSDictionary node, Inherited above, int depth, Set<COSDictionary> seen, List<Leaf> leaves) {
        if (!seen.add(node)) {
            throw refused("the page tree has a loop or reaches one node twice");
        }
        if (depth > MAX_TREE_DEPTH) {
            throw refused("the page tree is deeper than " + MAX_TREE_DEPTH + " levels");
        }
        Inherited inherited = above.under(node);
        COSName type = node.getCOSName(COSName.TYPE);
        if (COSName.PAGE.equals(type) && depth > 0) {
            leaves.add(new Leaf(node, inherited));
            if (leaves.size() > pageLimit) {
                throw new DocumentRejectedException(TOO_LARGE, "more than the " + pageLimit + " pages allowed");
            }
            return 1;
        }
        if (!COSName.PAGES.equals(type) || !(node.getDictionaryObject(COSName.KIDS) instanceof COSArray kids)) {
            throw refused("the page tree has an entry that is neither a page nor a node of pages");
        }
        int below = 0;
        for (int i = 0; i < kids.size(); i++) {
            if (!(kids.getObject(i) instanceof COSDictionary kid)) {
                throw refused("the page tree has a missing or broken entry");
            }
            below += walk(kid, inherited, depth + 1, seen, leaves);
        }
        // Readers that trust /Count and readers that walk /Kids would show different pages.
        if (node.getInt(COSName.COUNT, -1) != below) {
            throw refused("the page tree's /Count says " + node.getInt(COSName.COUNT, -1) + " where it holds "
                    + below + " pages");
        }
        return below;
    }

    /**
     * A page as read from the source: its new dictionary (but for its content), its content
     * decoded and the drawing of its annotations, to be rewritten by {@link #rewrite}.
     */
    private record Prepared(int number, COSDictionary page, byte[] content, byte[] annotations) {
    }

    /** Reads what page {@code number} needs from the source; refuses what cannot be normalised. */
    private Prepared prepare(Leaf leaf, int number) throws IOException {
        COSDictionary old = leaf.page();
        PDRectangle media = box(leaf.inherited().mediaBox());
        if (media == null) {
            throw refused("page " + number + " has no valid media box");
        }
        PDRectangle crop = box(leaf.inherited().cropBox());
        PDRectangle visible = crop == null ? media : intersection(media, crop);
        if (visible == null) {
            throw refused("page " + number + "'s crop box lies outside its media box: nothing of it would show");
        }
        float userUnit = old.getFloat(USER_UNIT, 1);
        boolean ownUnit = userUnit != 1 && userUnit > 0 && userUnit <= MAX_USER_UNIT;
        float unit = ownUnit ? userUnit : 1;
        if (Math.min(visible.getWidth(), visible.getHeight()) * unit < MIN_VISIBLE_POINTS) {
            throw refused("page " + number + " shows less than an inch on a side: too small for a legible banner");
        }
        COSDictionary resources = resources(leaf.inherited().resources());
        cleaner.clean(resources);

        byte[] decoded = decodedContent(old, number);
        ContentBuffer annotations = new ContentBuffer(0);
        flattenAnnotations(old, resources, annotations);

        COSDictionary page = new COSDictionary();
        page.setItem(COSName.TYPE, COSName.PAGE);
        // Both boxes are the visible area: readers that show the media box (pdftoppm does by
        // default) see the same page, with the stamp at its edges, as those that show the crop box.
        page.setItem(COSName.MEDIA_BOX, visible.getCOSArray());
        page.setItem(COSName.CROP_BOX, visible.getCOSArray());
        page.setInt(COSName.ROTATE, rotation(leaf.inherited().rotate()));
        if (ownUnit) {
            page.setFloat(USER_UNIT, userUnit);
        }
        page.setItem(COSName.RESOURCES, resources);
        return new Prepared(number, page, decoded, annotations.toByteArray());
    }

    /**
     * The page's new content, compressed: its own content balanced ({@link #writeBalanced}) in a
     * saved state of its own, then its annotations. Touches nothing shared: runs in parallel.
     */
    private static byte[] rewrite(Prepared prepared) throws IOException {
        ContentBuffer content = new ContentBuffer(prepared.content().length + prepared.annotations().length + 64);
        content.write('q');
        content.write('\n');
        writeBalanced(prepared.content(), content, prepared.number());
        content.write('\n');
        content.write('Q');
        content.write('\n');
        content.write(prepared.annotations());
        return content.deflated();
    }

    private PDPage finish(Prepared prepared, byte[] deflated) throws IOException {
        COSStream stream = target.getDocument().createCOSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(deflated);
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        prepared.page().setItem(COSName.CONTENTS, stream);
        return new PDPage(prepared.page());
    }

    /**
     * A fresh resource dictionary for the page, with fresh category dictionaries holding the
     * source's entries. Fresh, so the stamp's own entries go into the page's dictionaries only;
     * and only true dictionaries are taken: PDFBox would read a stream's dictionary in their
     * place where poppler finds nothing, and the two would show different pages.
     */
    private static COSDictionary resources(COSBase source) {
        COSDictionary fresh = new COSDictionary();
        if (!(source instanceof COSDictionary resources) || source instanceof COSStream) {
            return fresh;
        }
        for (COSName category : RESOURCE_CATEGORIES) {
            if (resources.getDictionaryObject(category) instanceof COSDictionary entries
                    && !(entries instanceof COSStream)) {
                COSDictionary copy = new COSDictionary();
                for (COSName name : entries.keySet()) {
                    copy.setItem(name, entries.getItem(name));
                }
                fresh.setItem(category, copy);
            }
        }
        return fresh;
    }

    /** The page's content streams decoded and joined, as readers join them. */
    private static byte[] decodedContent(COSDictionary page, int number) {
        COSBase contents = page.getDictionaryObject(COSName.CONTENTS);
        List<COSStream> streams = new ArrayList<>();
        if (contents instanceof COSStream stream) {
            streams.add(stream);
        } else if (contents instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSStream stream) {
                    streams.add(stream);
                } else {
                    throw refused("page " + number + " has a content entry that is not a stream");
                }
            }
        } else if (contents != null) {
            throw refused("page " + number + "'s content is not a stream");
        }
        ContentBuffer decoded = new ContentBuffer(8192);
        for (COSStream stream : streams) {
            boolean whole;
            try (InputStream in = stream.createInputStream()) {
                whole = decoded.readFrom(in, MAX_CONTENT_BYTES);
            } catch (IOException | RuntimeException e) {
                throw new DocumentRejectedException(CORRUPT, "page " + number + "'s content does not decode: "
                        + e.getMessage(), e);
            }
            if (!whole) {
                throw new DocumentRejectedException(TOO_LARGE, "page " + number + "'s content expands beyond "
                        + MAX_CONTENT_BYTES + " bytes");
            }
            decoded.write('\n');
        }
        return decoded.toByteArray();
    }

    /**
     * Writes the content's tokens so that every reader runs the same operators and the content
     * ends where it began: an operator that is unknown or lacks its operands
     * ({@link ContentSyntax}) and an unmatched closing operator are dropped with their operands,
     * and whatever is left open is closed at the end.
     */
    private static void writeBalanced(byte[] content, OutputStream out, int number) throws IOException {
        List<Object> tokens;
        try {
            tokens = new PDFStreamParser(content).parse();
        } catch (IOException | RuntimeException e) {
            throw new DocumentRejectedException(CORRUPT, "page " + number + "'s content cannot be parsed: "
                    + e.getMessage(), e);
        }
        List<Object> kept = new ArrayList<>(tokens.size() + 8);
        int operandsStart = 0;
        Depths open = new Depths();
        for (Object token : tokens) {
            if (!(token instanceof Operator operator)) {
                kept.add(token);
                continue;
            }
            List<Object> operands = kept.subList(operandsStart, kept.size());
            int keep = ContentSyntax.operandsToKeep(operator.getName(), operands);
            if (keep < 0 || !open.accept(operator.getName())) {
                operands.clear();
            } else {
                operands.subList(0, operands.size() - keep).clear();
                kept.add(operator);
            }
            operandsStart = kept.size();
        }
        // Operands with no operator after them would become the stamp's first operator's operands.
        kept.subList(operandsStart, kept.size()).clear();
        if (open.inText) {
            kept.add(Operator.getOperator("ET"));
        }
        for (int i = 0; i < open.markedContent; i++) {
            kept.add(Operator.getOperator("EMC"));
        }
        for (int i = 0; i < open.savedStates; i++) {
            kept.add(Operator.getOperator("Q"));
        }
        new ContentStreamWriter(out).writeTokens(kept);
    }

    /** What a content stream has open: saved states, marked-content sequences, a text object. */
    private static final class Depths {

        int savedStates;
        int markedContent;
        boolean inText;

        /** Counts {@code operator}; false when it closes something that is not open. */
        boolean accept(String operator) {
            switch (operator) {
                case "q" -> savedStates++;
                case "Q" -> {
                    if (savedStates == 0) {
                        return false;
                    }
                    savedStates--;
                }
                case "BMC", "BDC" -> markedContent++;
                case "EMC" -> {
                    if (markedContent == 0) {
                        return false;
                    }
                    markedContent--;
                }
                case "BT" -> inText = true;
                case "ET" -> {
                    if (!inText) {
                        return false;
                    }
                    inText = false;
                }
                default -> {
                    // drawing operators change nothing that must be closed
                }
            }
            return true;
        }
    }

    /**
     * Draws the normal appearance of every annotation a viewer shows into the content, each in its
     * own saved state, so the stamp drawn after the content lies above them.
     */
    private void flattenAnnotations(COSDictionary page, COSDictionary resources, OutputStream content)
            throws IOException {
        if (!(page.getDictionaryObject(COSName.ANNOTS) instanceof COSArray annotations)) {
            return;
        }
        for (int i = 0; i < annotations.size(); i++) {
            if (!(annotations.getObject(i) instanceof COSDictionary annotation)
                    || (annotation.getInt(COSName.F, 0) & (ANNOTATION_HIDDEN | ANNOTATION_NO_VIEW)) != 0
                    || POPUP.equals(annotation.getCOSName(COSName.SUBTYPE))) {
                continue;
            }
            COSStream appearance = normalAppearance(annotation);
            PDRectangle rect = box(annotation.getDictionaryObject(COSName.RECT));
            if (appearance == null || rect == null) {
                continue;
            }
            Matrix placement = placement(appearance, rect);
            if (placement == null) {
                continue;
            }
            appearance.setItem(COSName.TYPE, COSName.XOBJECT);
            appearance.setItem(COSName.SUBTYPE, COSName.FORM);
            cleaner.clean(appearance);
            COSName name = COSName.getPDFName("AwAnnot" + (++flattened));
            xObjects(resources).setItem(name, appearance);
            ContentStreamWriter writer = new ContentStreamWriter(content);
            writer.writeTokens(Operator.getOperator("q"));
            writer.writeTokens(number(placement.getScaleX()), number(placement.getShearY()),
                    number(placement.getShearX()), number(placement.getScaleY()),
                    number(placement.getTranslateX()), number(placement.getTranslateY()), Operator.getOperator("cm"));
            writer.writeTokens(name, Operator.getOperator("Do"), Operator.getOperator("Q"));
        }
    }

    private static COSStream normalAppearance(COSDictionary annotation) {
        if (!(annotation.getDictionaryObject(COSName.AP) instanceof COSDictionary appearances)) {
            return null;
        }
        COSBase normal = appearances.getDictionaryObject(COSName.N);
        if (normal instanceof COSStream stream) {
            return stream;
        }
        COSName state = annotation.getCOSName(COSName.AS);
        if (normal instanceof COSDictionary states && state != null
                && states.getDictionaryObject(state) instanceof COSStream stream) {
            return stream;
        }
        return null;
    }

    /**
     * The matrix that puts the appearance's box, after its own /Matrix, onto the annotation's
     * rectangle (ISO 32000-1 12.5.5); null when either is degenerate.
     */
    private static Matrix placement(COSStream appearance, PDRectangle rect) {
        PDRectangle bbox = box(appearance.getDictionaryObject(COSName.BBOX));
        if (bbox == null) {
            return null;
        }
        Matrix matrix = appearance.getDictionaryObject(COSName.MATRIX) instanceof COSArray array
                ? Matrix.createMatrix(array) : new Matrix();
        java.awt.geom.Rectangle2D shown = bbox.transform(matrix).getBounds2D();
        if (shown.getWidth() <= 0 || shown.getHeight() <= 0) {
            return null;
        }
        Matrix placement = Matrix.getTranslateInstance(rect.getLowerLeftX(), rect.getLowerLeftY());
        placement.concatenate(Matrix.getScaleInstance((float) (rect.getWidth() / shown.getWidth()),
                (float) (rect.getHeight() / shown.getHeight())));
        placement.concatenate(Matrix.getTranslateInstance((float) -shown.getX(), (float) -shown.getY()));
        return placement;
    }

    private static COSDictionary xObjects(COSDictionary resources) {
        if (resources.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary xObjects) {
            return xObjects;
        }
        COSDictionary xObjects = new COSDictionary();
        resources.setItem(COSName.XOBJECT, xObjects);
        return xObjects;
    }

    /** {@code value} as a content-stream operand: an integer when it is one. */
    static COSBase number(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? COSInteger.get((long) value) : new COSFloat(value);
    }

    /** A rectangle of four finite numbers whose sides are within the PDF limits; null otherwise. */
    private static PDRectangle box(COSBase value) {
        if (!(value instanceof COSArray array) || array.size() != 4) {
            return null;
        }
        float[] n = new float[4];
        for (int i = 0; i < 4; i++) {
            if (!(array.getObject(i) instanceof COSNumber number) || !Float.isFinite(number.floatValue())) {
                return null;
            }
            n[i] = number.floatValue();
        }
        float llx = Math.min(n[0], n[2]);
        float lly = Math.min(n[1], n[3]);
        float width = Math.abs(n[2] - n[0]);
        float height = Math.abs(n[3] - n[1]);
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE
                || Math.abs(llx) > 1e6 || Math.abs(lly) > 1e6) {
            return null;
        }
        return new PDRectangle(llx, lly, width, height);
    }

    private static PDRectangle intersection(PDRectangle a, PDRectangle b) {
        float llx = Math.max(a.getLowerLeftX(), b.getLowerLeftX());
        float lly = Math.max(a.getLowerLeftY(), b.getLowerLeftY());
        float urx = Math.min(a.getUpperRightX(), b.getUpperRightX());
        float ury = Math.min(a.getUpperRightY(), b.getUpperRightY());
        if (urx - llx < MIN_SIDE || ury - lly < MIN_SIDE) {
            return null;
        }
        return new PDRectangle(llx, lly, urx - llx, ury - lly);
    }

    /** A multiple of 90 in 0 to 270; anything else is 0, as poppler and PDFBox read it. */
    private static int rotation(COSBase value) {
        if (!(value instanceof COSNumber number) || !Float.isFinite(number.floatValue())) {
            return 0;
        }
        long degrees = Math.floorMod(number.longValue(), 360L);
        return degrees % 90 == 0 && number.floatValue() == number.longValue() ? (int) degrees : 0;
    }

    /** Title, author and the like, as plain strings; nothing else of the source's information. */
    private void copyInformation() {
        COSDictionary info = source.getDocument().getTrailer() == null ? null
                : source.getDocument().getTrailer().getCOSDictionary(COSName.INFO);
        if (info == null) {
            return;
        }
        PDDocumentInformation copy = target.getDocumentInformation();
        for (COSName key : INFO_KEYS) {
            if (info.getDictionaryObject(key) instanceof COSString value) {
                copy.getCOSObject().setItem(key, new COSString(value.getString()));
            }
        }
    }

    private static DocumentRejectedException refused(String detail) {
        return new DocumentRejectedException(CORRUPT, detail);
    }
}
