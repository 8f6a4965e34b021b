package org.agencyworkspace.connector.documents;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * The font of the watermark text: a TrueType-outline font with Traditional Chinese glyphs. PDFBox
 * subset-embeds only TrueType outlines, not the CFF outlines of Noto CJK, hence AR PL UMing.
 * Public because the signature block of connector-signing draws its CJK text with the same font.
 *
 * @param file a {@code .ttf} or {@code .ttc} file
 * @param face for a collection, the face's PostScript name; the first face when it is absent
 */
public record CjkFont(Path file, String face) {

    /** Debian's TrueType CJK fonts, the agency's preferred one first. */
    static final List<CjkFont> DEFAULTS = List.of(
            new CjkFont(Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"), "UMingTW"),
            new CjkFont(Path.of("/usr/share/fonts/truetype/arphic/ukai.ttc"), "UKaiTW"),
            new CjkFont(Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), "WenQuanYiZenHei"),
            new CjkFont(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), "WenQuanYiMicroHei"));

    static final String INSTALL_HINT = "install Debian fonts-arphic-uming (bin/workspace stack up "
            + "libreoffice does) or set the watermark font file";

    /** The first of {@link #DEFAULTS} that is installed. */
    public static CjkFont firstInstalled() {
        return DEFAULTS.stream().filter(font -> Files.isReadable(font.file())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no TrueType CJK font found in "
                        + DEFAULTS.stream().map(CjkFont::file).toList() + ": " + INSTALL_HINT));
    }

    /**
     * Opens the font; the caller closes it after the document that embeds it is saved.
     *
     * @throws IllegalStateException when the file is missing, has no such face or has CFF outlines
     */
    public Opened open() {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("watermark font " + file + " not readable: " + INSTALL_HINT);
        }
        try {
            Opened opened = file.getFileName().toString().toLowerCase().endsWith(".ttc")
                    ? fromCollection()
                    : new Opened(new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile())), null);
            if (opened.font() instanceof OpenTypeFont otf && otf.isPostScript()) {
                opened.close();
                throw new IllegalStateException("watermark font " + file
                        + " has CFF outlines, which PDFBox cannot subset: use a TrueType-outline font");
            }
            return opened;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read watermark font " + file + ": " + e.getMessage(), e);
        }
    }

    private Opened fromCollection() throws IOException {
        TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
        try {
            TrueTypeFont font = Optional.ofNullable(face == null ? null : collection.getFontByName(face))
                    .orElseGet(() -> firstFace(collection));
            if (font == null) {
                throw new IOException("no face " + face + " in the collection");
            }
            return new Opened(font, collection);
        } catch (IOException | RuntimeException e) {
            collection.close();
            throw e;
        }
    }

    private TrueTypeFont firstFace(TrueTypeCollection collection) {
        TrueTypeFont[] first = new TrueTypeFont[1];
        try {
            collection.processAllFonts(font -> {
                if (first[0] == null) {
                    first[0] = font;
                }
            });
        } catch (IOException e) {
            return null;
        }
        return face == null ? first[0] : null;
    }

    /** An open font; closing it closes its collection file too. */
    public record Opened(TrueTypeFont font, TrueTypeCollection collection) implements Closeable {

        /** Whether the font draws {@code codePoint} (white space needs no glyph). */
        public boolean covers(int codePoint) throws IOException {
            return Character.isWhitespace(codePoint) || font.getUnicodeCmapLookup().getGlyphId(codePoint) > 0;
        }

        /**
         * Checks up front that the font draws all of {@code text}: PDFBox would otherwise fail
         * half-way through a page.
         *
         * @throws DocumentRejectedException {@code INVALID_NAME} naming {@code what} and the character
         */
        void requireDrawable(String text, String what) {
            int missing = text.codePoints().filter(cp -> !coversQuietly(cp)).findFirst().orElse(-1);
            if (missing >= 0) {
                throw Names.invalid(String.format("the watermark font has no glyph for U+%04X in the %s",
                        missing, what));
            }
        }

        private boolean coversQuietly(int codePoint) {
            try {
                return covers(codePoint);
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            } else {
                font.close();
            }
        }
    }
}
