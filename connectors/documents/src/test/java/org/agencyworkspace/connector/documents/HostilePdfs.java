package org.agencyworkspace.connector.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Intact but hostile PDFs, made at the object level: each {@link Attack} tries one way of keeping
 * a stamp off the screen or of carrying something past the engine. Secrets planted by the
 * attacks carry {@link #SECRET}, so a test can look for them in the output.
 */
final class HostilePdfs {

    /** Planted in embedded files, JavaScript, earlier revisions and unreferenced objects. */
    static final String SECRET = "PLANTED-SECRET";

    /** One attack: what it is called, and what it does to a document about to be saved. */
    record Attack(String name, BiConsumer<PDDocument, Random> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Combined attacks are applied in this order. */
    static final List<Attack> ATTACKS = List.of(
            new Attack("opaque annotation over the page", HostilePdfs::annotationOverPage),
            new Attack("form field widget over the page", HostilePdfs::widgetOverPage),
            new Attack("crop box partly away from the media box", HostilePdfs::cropPartlyAway),
            new Attack("crop box outside the media box", HostilePdfs::cropOutside),
            new Attack("unbalanced q with a transform off the page", (d, r) -> appendContent(d,
                    "q q 1 0 0 1 " + (3000 + r.nextInt(5000)) + " 5000 cm 0.001 0 0 0.001 0 0 cm")),
            new Attack("text object left open in clip mode", (d, r) -> appendContent(d,
                    "BT /F1 12 Tf 7 Tr 10 10 Td (x) Tj")),
            new Attack("text object left open, invisible mode", (d, r) -> appendContent(d, "BT /F1 12 Tf 3 Tr")),
            new Attack("clip to a point left open", (d, r) -> appendContent(d, "q 0 0 1 1 re W n")),
            new Attack("extra Q popping the engine's q", (d, r) -> appendContent(d, "Q Q Q 1 0 0 1 4000 4000 cm")),
            new Attack("marked content left open (BMC)", (d, r) -> appendContent(d, "/Artifact BMC")),
            new Attack("optional content hidden and left open (BDC)", HostilePdfs::hiddenOptionalContent),
            new Attack("transparent graphics state left set", HostilePdfs::transparentState),
            new Attack("embedded file", HostilePdfs::embeddedFile),
            new Attack("JavaScript open action and page action", HostilePdfs::javaScript),
            new Attack("XFA form", HostilePdfs::xfa),
            new Attack("alternate page tree", HostilePdfs::alternatePageTree),
            new Attack("rotation and user unit", HostilePdfs::rotationAndUserUnit),
            new Attack("inherited boxes and resources", HostilePdfs::inheritedAttributes),
            new Attack("content split across streams mid-operator", HostilePdfs::splitContent),
            // These break the page tree, so they come last when attacks are combined.
            new Attack("bad media box", HostilePdfs::badMediaBox),
            new Attack("wrong page count", HostilePdfs::wrongCount),
            new Attack("page tree loop", HostilePdfs::pageTreeLoop));

    private HostilePdfs() {
    }

    /** A small document: 1 to 3 pages of text of assorted sizes, some with an image-free form XObject. */
    static PDDocument base(Random random) {
        PDDocument document = new PDDocument();
        PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        List<PDRectangle> sizes = List.of(PDRectangle.A4, PDRectangle.LETTER, PDRectangle.A5,
                new PDRectangle(842, 595), new PDRectangle(-200, 100, 500, 700));
        int pages = 1 + random.nextInt(3);
        try {
            for (int number = 1; number <= pages; number++) {
                PDPage page = new PDPage(sizes.get(random.nextInt(sizes.size())));
                PDResources resources = new PDResources();
                resources.put(COSName.getPDFName("F1"), helvetica);
                page.setResources(resources);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    PDRectangle box = page.getMediaBox();
                    content.beginText();
                    content.setFont(helvetica, 11);
                    content.newLineAtOffset(box.getLowerLeftX() + 60, box.getUpperRightY() - 120);
                    content.showText("Page " + number + " of a hostile test document.");
                    content.endText();
                }
                document.addPage(page);
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code document} saved with a classic cross-reference table or, at random, compressed. */
    static byte[] save(PDDocument document, Random random) {
        try (document) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, random.nextBoolean() ? CompressParameters.NO_COMPRESSION
                    : CompressParameters.DEFAULT_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code pdf} with an incremental update that replaces page 1's content: the earlier revision,
     * with {@link #SECRET} in its content, stays in the file.
     */
    static byte[] withEarlierRevision(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            COSStream content = document.getDocument().createCOSStream();
            try (OutputStream out = content.createOutputStream()) {
                out.write("BT /F1 11 Tf 72 72 Td (Revised page.) Tj ET".getBytes(StandardCharsets.US_ASCII));
            }
            page.getCOSObject().setItem(COSName.CONTENTS, content);
            page.getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plants {@link #SECRET} in page 1's content, for {@link #withEarlierRevision} to replace. */
    static void plantSecretInContent(PDDocument document) {
        PDPage first = document.getPage(0);
        COSArray contents = new COSArray();
        contents.add(first.getCOSObject().getDictionaryObject(COSName.CONTENTS));
        contents.add(stream(document, "BT /F1 4 Tf 30 30 Td (" + SECRET + " in the first revision) Tj ET"));
        first.getCOSObject().setItem(COSName.CONTENTS, contents);
    }

    private static void annotationOverPage(PDDocument document, Random random) {
        for (PDPage page : document.getPages()) {
            PDRectangle box = page.getMediaBox();
            COSDictionary annotation = new COSDictionary();
            annotation.setItem(COSName.TYPE, COSName.ANNOT);
            annotation.setItem(COSName.SUBTYPE, COSName.getPDFName("Square"));
            annotation.setItem(COSName.RECT, box.getCOSArray());
            annotation.setInt(COSName.F, 4);
            annotation.setItem(COSName.AP, appearance(document, box, "1 1 1 rg 0 0 "
                    + box.getWidth() + " " + box.getHeight() + " re f"));
            annotations(page).add(annotation);
        }
    }

    private static void widgetOverPage(PDDocument document, Random random) {
        COSArray fields = new COSArray();
        for (PDPage page : document.getPages()) {
            PDRectangle box = page.getMediaBox();
            COSDictionary widget = new COSDictionary();
            widget.setItem(COSName.TYPE, COSName.ANNOT);
            widget.setItem(COSName.SUBTYPE, COSName.WIDGET);
            widget.setItem(COSName.FT, COSName.TX);
            widget.setItem(COSName.T, new COSString("cover" + fields.size()));
            widget.setItem(COSName.RECT, box.getCOSArray());
            widget.setItem(COSName.P, page.getCOSObject());
            widget.setItem(COSName.AP, appearance(document, box, "1 1 1 rg 0 0 " + box.getWidth() + " "
                    + box.getHeight() + " re f 0 0 0 rg BT /Helv 12 Tf 40 40 Td (A form field) Tj ET"));
            annotations(page).add(widget);
            fields.add(widget);
        }
        COSDictionary form = new COSDictionary();
        form.setItem(COSName.FIELDS, fields);
        form.setBoolean(COSName.NEED_APPEARANCES, random.nextBoolean());
        document.getDocumentCatalog().getCOSObject().setItem(COSName.ACRO_FORM, form);
    }

    private static void cropPartlyAway(PDDocument document, Random random) {
        for (PDPage page : document.getPages()) {
            PDRectangle media = page.getMediaBox();
            float dx = media.getWidth() * (0.3f + 0.4f * random.nextFloat());
            float dy = media.getHeight() * (0.3f + 0.4f * random.nextFloat());
            page.setCropBox(new PDRectangle(media.getLowerLeftX() + dx, media.getLowerLeftY() + dy,
                    media.getWidth(), media.getHeight()));
        }
    }

    private static void cropOutside(PDDocument document, Random random) {
        PDPage page = document.getPage(random.nextInt(document.getNumberOfPages()));
        PDRectangle media = page.getMediaBox();
        page.setCropBox(new PDRectangle(media.getUpperRightX() + 100, media.getUpperRightY() + 100, 500, 500));
    }

    private static void hiddenOptionalContent(PDDocument document, Random random) {
        COSDictionary group = new COSDictionary();
        group.setItem(COSName.TYPE, COSName.OCG);
        group.setItem(COSName.NAME, new COSString("hidden"));
        COSArray groups = new COSArray();
        groups.add(group);
        COSDictionary defaults = new COSDictionary();
        defaults.setItem(COSName.OFF, groups);
        defaults.setItem(COSName.getPDFName("BaseState"), COSName.OFF);
        COSDictionary properties = new COSDictionary();
        properties.setItem(COSName.OCGS, groups);
        properties.setItem(COSName.D, defaults);
        document.getDocumentCatalog().getCOSObject().setItem(COSName.OCPROPERTIES, properties);
        for (PDPage page : document.getPages()) {
            COSDictionary propertyList = new COSDictionary();
            propertyList.setItem(COSName.getPDFName("oc1"), group);
            page.getResources().getCOSObject().setItem(COSName.PROPERTIES, propertyList);
        }
        appendContent(document, "/OC /oc1 BDC");
    }

    private static void transparentState(PDDocument document, Random random) {
        for (PDPage page : document.getPages()) {
            COSDictionary state = new COSDictionary();
            state.setItem(COSName.CA, new COSFloat(0));
            state.setItem(COSName.CA_NS, new COSFloat(0));
            state.setItem(COSName.BM, COSName.getPDFName("Multiply"));
            COSDictionary states = new COSDictionary();
            states.setItem(COSName.getPDFName("GSx"), state);
            page.getResources().getCOSObject().setItem(COSName.EXT_G_STATE, states);
        }
        appendContent(document, "/GSx gs 1 1 1 rg 1 1 1 RG");
    }

    private static void embeddedFile(PDDocument document, Random random) {
        COSStream file = document.getDocument().createCOSStream();
        try (OutputStream out = file.createOutputStream()) {
            out.write((SECRET + " in an embedded file").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.setItem(COSName.TYPE, COSName.EMBEDDED_FILE);
        COSDictionary files = new COSDictionary();
        files.setItem(COSName.F, file);
        COSDictionary spec = new COSDictionary();
        spec.setItem(COSName.TYPE, COSName.FILESPEC);
        spec.setItem(COSName.F, new COSString("secret.txt"));
        spec.setItem(COSName.EF, files);
        COSArray names = new COSArray();
        names.add(new COSString("secret.txt"));
        names.add(spec);
        COSDictionary tree = new COSDictionary();
        tree.setItem(COSName.NAMES, names);
        COSDictionary nameDictionary = new COSDictionary();
        nameDictionary.setItem(COSName.EMBEDDED_FILES, tree);
        document.getDocumentCatalog().getCOSObject().setItem(COSName.NAMES, nameDictionary);
        // and one reached from a page's resources, where a careless copy would keep it
        document.getPage(0).getResources().getCOSObject().setItem(COSName.getPDFName("AF"), spec);
    }

    private static void javaScript(PDDocument document, Random random) {
        COSDictionary action = new COSDictionary();
        action.setItem(COSName.S, COSName.JAVA_SCRIPT);
        action.setItem(COSName.JS, new COSString("app.alert('" + SECRET + "');"));
        document.getDocumentCatalog().getCOSObject().setItem(COSName.OPEN_ACTION, action);
        COSDictionary pageActions = new COSDictionary();
        pageActions.setItem(COSName.O, action);
        document.getPage(0).getCOSObject().setItem(COSName.AA, pageActions);
        // an action hidden in a font's dictionary, which the page's resources reach
        document.getPage(0).getResources().getCOSObject().setItem(COSName.getPDFName("AA"), pageActions);
    }

    private static void xfa(PDDocument document, Random random) {
        COSStream xfa = document.getDocument().createCOSStream();
        try (OutputStream out = xfa.createOutputStream()) {
            out.write(("<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"><!-- " + SECRET + " --></xdp:xdp>")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        COSDictionary form = new COSDictionary();
        form.setItem(COSName.FIELDS, new COSArray());
        form.setItem(COSName.XFA, xfa);
        document.getDocumentCatalog().getCOSObject().setItem(COSName.ACRO_FORM, form);
    }

    /** A second tree of pages, reachable from the catalog under another key and from a page's /Parent. */
    private static void alternatePageTree(PDDocument document, Random random) {
        PDDocument other = base(random);
        COSDictionary tree = other.getDocumentCatalog().getPages().getCOSObject();
        appendContent(other, "BT /F1 11 Tf 72 400 Td (" + SECRET + " on an alternate page) Tj ET");
        document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AlternatePages"), tree);
        document.getPage(0).getCOSObject().setItem(COSName.getPDFName("Alt"), tree);
    }

    private static void rotationAndUserUnit(PDDocument document, Random random) {
        int[] rotations = {90, 180, 270, -90, 450, 45};
        for (PDPage page : document.getPages()) {
            page.setRotation(rotations[random.nextInt(rotations.length)]);
            float[] units = {1f, 2.5f, 0f, -1f, 10f};
            page.getCOSObject().setItem(COSName.getPDFName("UserUnit"), new COSFloat(units[random.nextInt(units.length)]));
        }
    }

    /** Media box and resources given once on the root of the page tree, not on the pages. */
    private static void inheritedAttributes(PDDocument document, Random random) {
        COSDictionary root = document.getDocumentCatalog().getPages().getCOSObject();
        COSDictionary first = document.getPage(0).getCOSObject();
        root.setItem(COSName.MEDIA_BOX, first.getItem(COSName.MEDIA_BOX));
        root.setItem(COSName.RESOURCES, first.getItem(COSName.RESOURCES));
        for (PDPage page : document.getPages()) {
            page.getCOSObject().removeItem(COSName.MEDIA_BOX);
            page.getCOSObject().removeItem(COSName.RESOURCES);
        }
    }

    private static void wrongCount(PDDocument document, Random random) {
        COSDictionary root = document.getDocumentCatalog().getPages().getCOSObject();
        root.setInt(COSName.COUNT, document.getNumberOfPages() + (random.nextBoolean() ? 1 : -1));
    }

    private static void pageTreeLoop(PDDocument document, Random random) {
        COSDictionary root = document.getDocumentCatalog().getPages().getCOSObject();
        COSDictionary node = new COSDictionary();
        node.setItem(COSName.TYPE, COSName.PAGES);
        COSArray kids = new COSArray();
        kids.add(root);
        node.setItem(COSName.KIDS, kids);
        node.setInt(COSName.COUNT, 1);
        node.setItem(COSName.PARENT, root);
        ((COSArray) root.getDictionaryObject(COSName.KIDS)).add(node);
    }

    private static void badMediaBox(PDDocument document, Random random) {
        PDPage page = document.getPage(random.nextInt(document.getNumberOfPages()));
        List<COSBase> boxes = List.of(box(0, 0, 0, 0), box(0, 0, 1e30f, 1e30f), box(0, 0, 612, 1),
                new COSString("A4"), box(Float.NaN, 0, 612, 792));
        page.getCOSObject().setItem(COSName.MEDIA_BOX, boxes.get(random.nextInt(boxes.size())));
    }

    /** The content cut into two streams in the middle of an operator's operands, which the PDF allows. */
    private static void splitContent(PDDocument document, Random random) {
        for (PDPage page : document.getPages()) {
            COSArray contents = new COSArray();
            contents.add(stream(document, "q 1 0 0"));
            contents.add(stream(document, "1 0 0 cm"));
            contents.add(stream(document, "Q"));
            contents.add(page.getCOSObject().getDictionaryObject(COSName.CONTENTS));
            page.getCOSObject().setItem(COSName.CONTENTS, contents);
        }
    }

    static COSArray box(float llx, float lly, float urx, float ury) {
        COSArray array = new COSArray();
        for (float value : new float[] {llx, lly, urx, ury}) {
            array.add(new COSFloat(value));
        }
        return array;
    }

    /** Appends {@code operators} after every page's content, as a last content stream. */
    private static void appendContent(PDDocument document, String operators) {
        for (PDPage page : document.getPages()) {
            COSBase contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
            COSArray array = new COSArray();
            if (contents instanceof COSArray existing) {
                array.addAll(existing);
            } else if (contents != null) {
                array.add(contents);
            }
            array.add(stream(document, operators));
            page.getCOSObject().setItem(COSName.CONTENTS, array);
        }
    }

    private static COSStream stream(PDDocument document, String operators) {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream()) {
            out.write(operators.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream;
    }

    private static COSDictionary appearance(PDDocument document, PDRectangle box, String operators) {
        COSStream form = stream(document, operators);
        form.setItem(COSName.TYPE, COSName.XOBJECT);
        form.setItem(COSName.SUBTYPE, COSName.FORM);
        form.setItem(COSName.BBOX, new PDRectangle(box.getWidth(), box.getHeight()).getCOSArray());
        COSDictionary fonts = new COSDictionary();
        fonts.setItem(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
        COSDictionary resources = new COSDictionary();
        resources.setItem(COSName.FONT, fonts);
        form.setItem(COSName.RESOURCES, resources);
        COSDictionary appearance = new COSDictionary();
        appearance.setItem(COSName.N, form);
        return appearance;
    }

    private static COSArray annotations(PDPage page) {
        if (page.getCOSObject().getDictionaryObject(COSName.ANNOTS) instanceof COSArray existing) {
            return existing;
        }
        COSArray annotations = new COSArray();
        page.getCOSObject().setItem(COSName.ANNOTS, annotations);
        return annotations;
    }
}
