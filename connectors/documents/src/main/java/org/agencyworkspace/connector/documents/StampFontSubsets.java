package org.agencyworkspace.connector.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The stamp's font for one document: a subset of the CJK font holding the glyphs of the stamp's
 * text, cut once per set of characters and embedded whole into each copy. Letting PDFBox subset
 * the full font for every copy (reading a CJK font's tables, building CID maps and widths) was
 * most of the time a small document took; a batch, or one person's downloads, reuse one subset.
 * Thread-safe.
 */
final class StampFontSubsets {

    /** Digits, hexadecimal and the punctuation of times and ids: one subset serves many copies. */
    private static final String ALWAYS = "0123456789abcdefABCDEF -:+()";
    private static final int KEPT = 64;
    /**
     * The outline tables PDFBox's own subsets keep, with the character map and names a complete
     * font needs to be loaded again; not the font's embedded bitmaps, megabytes in a CJK font.
     */
    private static final List<String> TABLES = List.of("head", "hhea", "loca", "maxp", "cvt ", "prep",
            "glyf", "hmtx", "fpgm", "gasp", "cmap", "name", "OS/2", "post");

    private final CjkFont.Opened font;
    private final Map<String, byte[]> subsets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT;
        }
    };

    StampFontSubsets(CjkFont.Opened font) {
        this.font = font;
    }

    /** The font for {@code texts} (everything the stamp will draw), loaded into {@code document}. */
    PDType0Font load(PDDocument document, Collection<String> texts) throws IOException {
        TreeSet<Integer> codePoints = new TreeSet<>();
        ALWAYS.codePoints().forEach(codePoints::add);
        texts.forEach(text -> text.codePoints().forEach(codePoints::add));
        StringBuilder key = new StringBuilder();
        codePoints.forEach(key::appendCodePoint);
        byte[] subset = subset(key.toString(), codePoints);
        return PDType0Font.load(document, new ByteArrayInputStream(subset), false);
    }

    private byte[] subset(String key, TreeSet<Integer> codePoints) throws IOException {
        // One lock for the cache and the cut: FontBox reads the shared font's tables lazily.
        synchronized (subsets) {
            byte[] kept = subsets.get(key);
            if (kept != null) {
                return kept;
            }
            TTFSubsetter subsetter = new TTFSubsetter(font.font(), TABLES);
            subsetter.addAll(codePoints);
            // PDF 32000-1 9.6.4: a subset's font name begins with a tag of six capitals.
            subsetter.setPrefix(tag(key));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            byte[] made = out.toByteArray();
            subsets.put(key, made);
            return made;
        }
    }

    private static String tag(String key) {
        long hash = key.hashCode() & 0xffffffffL;
        StringBuilder tag = new StringBuilder("+");
        for (int i = 0; i < 6; i++) {
            tag.insert(0, (char) ('A' + hash % 26));
            hash /= 26;
        }
        return tag.toString();
    }
}
