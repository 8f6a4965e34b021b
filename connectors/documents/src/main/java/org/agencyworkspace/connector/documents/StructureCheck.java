package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.NOT_VERIFIED;

import com.lowagie.text.pdf.PRStream;
import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfArray;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfLiteral;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.RandomAccessFileOrArray;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second parser of the verification: OpenPDF, a PDF library with its own lexer,
 * cross-reference reader and filters (nothing shared with PDFBox, which wrote the copy), reads the
 * saved file and must find exactly the document the engine stamped. Where OpenPDF is lenient
 * (it rebuilds a broken cross-reference table, decodes what it can of a damaged stream, does not
 * compare an object's number with its table entry), this class refuses instead:
 * <ul>
 *   <li>one classic cross-reference table, every entry in use pointing at {@code n g obj} of its
 *       own object number, nothing OpenPDF had to rebuild, one revision, no encryption;
 *   <li>a catalog holding the page tree alone, and exactly the pages stamped;
 *   <li>among all objects, nothing that can hide or outlive the stamp: no annotations, forms,
 *       JavaScript or other actions, embedded files, optional content or name trees;
 *   <li>every stream's {@code /Length} as written, and its general-purpose filters (Flate, LZW,
 *       ASCII85, ASCIIHex) decoding without error, images' too; no other filter but an image's own;
 *   <li>on every page, the last content stream exactly {@code q a b c d e f cm /Name Do Q} and
 *       /Name a form in the page's resources whose content shows text.
 * </ul>
 * The stamp's text itself is checked by PDFBox's extraction in {@link StampVerifier}, beside it.
 */
final class StructureCheck {

    private static final Set<PdfName> CATALOG_KEYS = Set.of(PdfName.TYPE, PdfName.VERSION, PdfName.PAGES);
    /** Keys and types that draw above the stamp, hide it, run code or carry other files. */
    private static final Set<PdfName> FORBIDDEN = Set.of(PdfName.ANNOTS, PdfName.ANNOT, PdfName.ACROFORM,
            PdfName.JAVASCRIPT, PdfName.JS, PdfName.OPENACTION, PdfName.AA, PdfName.EMBEDDEDFILE,
            PdfName.EMBEDDEDFILES, PdfName.FILESPEC, PdfName.OCPROPERTIES, PdfName.OC,
            PdfName.NAMES, PdfName.XFA, PdfName.PREV);
    private static final byte[] STARTXREF = "startxref".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LENGTH_KEY = "/Length".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL = 1024;

    private StructureCheck() {
    }

    /**
     * @param pages the number of pages stamped
     * @throws DocumentRejectedException NOT_VERIFIED naming the first fault found
     */
    static void check(Path pdf, int pages) {
        try (FileChannel channel = FileChannel.open(pdf, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw failed("it is larger than 2 GiB");
            }
            Bytes bytes = new Bytes(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
            Map<Integer, Integer> offsets = classicXref(bytes);
            PdfReader reader = new PdfReader(pdf.toString());
            RandomAccessFileOrArray file = reader.getSafeFile();
            try {
                file.reOpen();
                check(reader, file, bytes, offsets, pages);
                requireWrittenLengths(reader, bytes, offsets);
            } finally {
                file.close();
                reader.close();
            }
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw failed("OpenPDF cannot read it: " + e);
        }
    }

    private static void check(PdfReader reader, RandomAccessFileOrArray file, Bytes bytes,
            Map<Integer, Integer> objects, int pages) throws IOException {
        if (reader.isRebuilt() || reader.isEncrypted() || reader.isNewXrefType()) {
            throw failed("OpenPDF does not find one intact cross-reference table");
        }
        if (reader.getTrailer().contains(PdfName.PREV)) {
            throw failed("OpenPDF finds an earlier revision");
        }
        if (reader.getNumberOfPages() != pages) {
            throw failed("OpenPDF finds " + reader.getNumberOfPages() + " pages where " + pages + " were stamped");
        }
        if (!CATALOG_KEYS.containsAll(reader.getCatalog().getKeys())) {
            throw failed("OpenPDF finds more than the page tree in its catalog");
        }
        requireNothingForbidden(reader.getTrailer(), 0);
        for (int number : objects.keySet()) {
            PdfObject object = reader.getPdfObject(number);
            if (object == null) {
                // OpenPDF drops an object it cannot parse, as if it were not there, and also a bare
                // number once it has used it as a stream's /Length: only that may be missing
                if (integerObject(bytes, objects.get(number)) < 0) {
                    throw failed("OpenPDF cannot read object " + number);
                }
                continue;
            }
            requireNothingForbidden(object, number);
            if (object instanceof PRStream stream) {
                decoded(stream, file, number);
            }
        }
        Map<PRStream, Boolean> forms = new IdentityHashMap<>();
        for (int page = 1; page <= pages; page++) {
            PRStream form = stampForm(reader.getPageN(page), file, page);
            if (forms.put(form, Boolean.TRUE) == null && !showsText(decoded(form, file, page))) {
                throw failed("page " + page + "'s stamp form shows no text to OpenPDF");
            }
        }
    }

    /** The form the page's last content stream draws, as {@link StampVerifier#stampForm} finds it with PDFBox. */
    private static PRStream stampForm(PdfDictionary page, RandomAccessFileOrArray file, int number) throws IOException {
        PdfObject contents = PdfReader.getPdfObject(page.get(PdfName.CONTENTS));
        if (!(contents instanceof PdfArray array) || array.size() < 2
                || !(PdfReader.getPdfObject(array.getPdfObject(array.size() - 1)) instanceof PRStream last)) {
            throw failed("OpenPDF finds page " + number + " not ending with the stamp");
        }
        List<String> tokens = tokens(decoded(last, file, number));
        if (tokens.size() != 11 || !tokens.get(0).equals("q") || !tokens.get(7).equals("cm")
                || !tokens.get(8).startsWith("/") || !tokens.get(9).equals("Do") || !tokens.get(10).equals("Q")
                || !tokens.subList(1, 7).stream().allMatch(token -> token.startsWith("#"))) {
            throw failed("OpenPDF finds page " + number + " not ending with the stamp");
        }
        PdfName name = new PdfName(tokens.get(8).substring(1), false);
        if (!(PdfReader.getPdfObject(page.get(PdfName.RESOURCES)) instanceof PdfDictionary resources)
                || resources.isStream()
                || !(PdfReader.getPdfObject(resources.get(PdfName.XOBJECT)) instanceof PdfDictionary xobjects)
                || xobjects.isStream()
                || !(PdfReader.getPdfObject(xobjects.get(name)) instanceof PRStream form)
                || !PdfName.FORM.equals(form.get(PdfName.SUBTYPE))) {
            throw failed("OpenPDF finds page " + number + "'s stamp not a form in its resources");
        }
        return form;
    }

    /**
     * The content's tokens as OpenPDF's lexer reads them: operators as they are, names with their
     * slash, numbers as {@code #}, anything else as {@code ?}.
     */
    private static List<String> tokens(byte[] content) throws IOException {
        List<String> tokens = new ArrayList<>();
        PRTokeniser lexer = new PRTokeniser(content);
        while (lexer.nextToken()) {
            tokens.add(switch (lexer.getTokenType()) {
                case PRTokeniser.TK_OTHER -> lexer.getStringValue();
                case PRTokeniser.TK_NAME -> "/" + lexer.getStringValue();
                case PRTokeniser.TK_NUMBER -> "#";
                default -> "?";
            });
        }
        return tokens;
    }

    private static boolean showsText(byte[] content) throws IOException {
        List<String> tokens = tokens(content);
        return tokens.contains("BT") && (tokens.contains("Tj") || tokens.contains("TJ"));
    }

    /**
     * Walks an object's direct parts; indirect ones are objects of their own, each checked in turn.
     * A token OpenPDF does not know (it keeps it as a literal) is damage, as qpdf reports it.
     */
    private static void requireNothingForbidden(PdfObject object, int number) {
        if (object instanceof PdfLiteral) {
            throw failed("OpenPDF finds an unknown token in object " + number);
        } else if (object instanceof PdfDictionary dictionary) {
            for (PdfName key : dictionary.getKeys()) {
                PdfObject value = dictionary.get(key);
                if (FORBIDDEN.contains(key) || FORBIDDEN.contains(value)) {
                    throw failed("OpenPDF finds " + key + (value instanceof PdfName ? " " + value : "")
                            + " in object " + number);
                }
                requireNothingForbidden(value, number);
            }
        } else if (object instanceof PdfArray array) {
            for (int i = 0; i < array.size(); i++) {
                requireNothingForbidden(array.getPdfObject(i), number);
            }
        }
    }

    /**
     * The stream's data through its general-purpose filters; any that fails refuses, and so does
     * any other filter except an image's own compression (which ends the decoding).
     */
    private static byte[] decoded(PRStream stream, RandomAccessFileOrArray file, int number) throws IOException {
        byte[] data = PdfReader.getStreamBytesRaw(stream, file);
        List<PdfObject> filters = asList(PdfReader.getPdfObject(stream.get(PdfName.FILTER)));
        List<PdfObject> parameters = asList(PdfReader.getPdfObject(stream.get(PdfName.DECODEPARMS)));
        for (int i = 0; i < filters.size(); i++) {
            PdfObject filter = PdfReader.getPdfObject(filters.get(i));
            PdfObject parameter = i < parameters.size() ? PdfReader.getPdfObject(parameters.get(i)) : null;
            if (PdfName.FLATEDECODE.equals(filter)) {
                data = PdfReader.FlateDecode(data, true);
                if (data == null) {
                    throw failed("OpenPDF cannot decode a stream in object " + number);
                }
                data = PdfReader.decodePredictor(data, parameter);
            } else if (PdfName.LZWDECODE.equals(filter)) {
                data = PdfReader.decodePredictor(PdfReader.LZWDecode(data), parameter);
            } else if (PdfName.ASCIIHEXDECODE.equals(filter)) {
                data = PdfReader.ASCIIHexDecode(data);
            } else if (PdfName.ASCII85DECODE.equals(filter)) {
                data = PdfReader.ASCII85Decode(data);
            } else if (PdfName.IMAGE.equals(stream.get(PdfName.SUBTYPE))) {
                // an image's own compression (JPEG, JBIG2, ...) is left to viewers, as qpdf leaves it
                break;
            } else {
                throw failed("object " + number + " is not an image, yet filtered with " + filter);
            }
        }
        return data;
    }

    private static List<PdfObject> asList(PdfObject object) {
        if (object == null) {
            return List.of();
        }
        return object instanceof PdfArray array ? array.getElements() : List.of(object);
    }

    /**
     * Reads the file's last cross-reference table with a lexer of its own (OpenPDF accepts an entry
     * pointing at another object, and rebuilds a table it cannot read): one classic table, reached
     * by the last {@code startxref}, every entry in use at {@code n g obj} of its own number.
     * Returns each object's offset by its number.
     */
    private static Map<Integer, Integer> classicXref(Bytes file) {
        int startxref = file.lastIndexOf(STARTXREF, Math.max(0, file.size() - TAIL));
        if (startxref < 0) {
            throw failed("it has no startxref");
        }
        long offset = file.number(file.skipSpace(startxref + STARTXREF.length));
        if (offset < 0 || offset >= file.size() || !file.startsWith((int) offset, "xref")) {
            throw failed("its startxref does not point at a cross-reference table");
        }
        Map<Integer, Integer> offsets = new HashMap<>();
        int at = file.skipSpace((int) offset + 4);
        while (!file.startsWith(at, "trailer")) {
            long first = file.number(at);
            at = file.skipSpace(file.afterNumber(at));
            long count = file.number(at);
            at = file.skipSpace(file.afterNumber(at));
            if (first < 0 || count <= 0 || at + count * 20 > file.size()) {
                throw failed("its cross-reference table is malformed");
            }
            for (long entry = 0; entry < count; entry++, at += 20) {
                if (!isEntry(file, at)) {
                    throw failed("its cross-reference table is malformed");
                }
                if (file.at(at + 17) == 'n') {
                    long number = first + entry;
                    long objectOffset = file.number(at);
                    requireObjectAt(file, objectOffset, number, file.number(at + 11));
                    offsets.put((int) number, (int) objectOffset);
                } else if (file.at(at + 17) != 'f') {
                    throw failed("its cross-reference table is malformed");
                }
            }
            at = file.skipSpace(at);
        }
        return offsets;
    }

    /**
     * Every stream's {@code /Length} as written (read from the file, direct or through a reference)
     * is the length OpenPDF read: where they differ, OpenPDF searched for {@code endstream} and
     * took what it found, where qpdf reports the damage.
     */
    private static void requireWrittenLengths(PdfReader reader, Bytes file, Map<Integer, Integer> offsets) {
        for (Map.Entry<Integer, Integer> object : offsets.entrySet()) {
            if (!(reader.getPdfObject(object.getKey()) instanceof PRStream stream)) {
                continue;
            }
            // the key /Length, not /Length1 of a font program
            int key = file.indexOf(LENGTH_KEY, object.getValue(), stream.getOffset());
            while (key >= 0 && file.skipSpace(key + LENGTH_KEY.length) == key + LENGTH_KEY.length) {
                key = file.indexOf(LENGTH_KEY, key + 1, stream.getOffset());
            }
            int at = file.skipSpace(key + LENGTH_KEY.length);
            if (key < 0) {
                throw failed("object " + object.getKey() + " has no /Length");
            }
            long written = file.number(at);
            int afterFirst = file.skipSpace(file.afterNumber(at));
            long generation = file.number(afterFirst);
            int afterSecond = file.skipSpace(file.afterNumber(afterFirst));
            if (generation >= 0 && file.at(afterSecond) == 'R') {
                Integer offset = offsets.get((int) written);
                written = offset == null ? -1 : integerObject(file, offset);
            }
            if (written != stream.getLength()) {
                throw failed("object " + object.getKey() + "'s /Length is not its stream's length");
            }
        }
    }

    /** The value of the object at {@code offset} when it is {@code n g obj <digits> endobj}, else -1. */
    private static long integerObject(Bytes file, int offset) {
        int at = file.skipSpace(file.afterNumber(offset));
        at = file.skipSpace(file.afterNumber(at));
        if (!file.startsWith(at, "obj")) {
            return -1;
        }
        at = file.skipSpace(at + 3);
        long value = file.number(at);
        return value >= 0 && file.startsWith(file.skipSpace(file.afterNumber(at)), "endobj") ? value : -1;
    }

    /** Exactly {@code oooooooooo ggggg n} or {@code f}, and a two-byte end of line. */
    private static boolean isEntry(Bytes file, int at) {
        String eol = "" + (char) file.at(at + 18) + (char) file.at(at + 19);
        return file.afterNumber(at) == at + 10 && file.at(at + 10) == ' ' && file.afterNumber(at + 11) == at + 16
                && file.at(at + 16) == ' ' && (file.at(at + 17) == 'n' || file.at(at + 17) == 'f')
                && (eol.equals(" \n") || eol.equals(" \r") || eol.equals("\r\n"));
    }

    private static void requireObjectAt(Bytes file, long offset, long number, long generation) {
        if (offset <= 0 || offset >= file.size()) {
            throw failed("object " + number + "'s offset is outside the file");
        }
        int at = (int) offset;
        if (file.number(at) != number) {
            throw failed("object " + number + "'s offset points elsewhere");
        }
        at = file.skipSpace(file.afterNumber(at));
        if (file.number(at) != generation || !file.startsWith(file.skipSpace(file.afterNumber(at)), "obj")) {
            throw failed("object " + number + "'s offset points elsewhere");
        }
    }

    /** The mapped file: ASCII numbers and keywords, nothing of PDFBox's or OpenPDF's lexers. */
    private record Bytes(MappedByteBuffer buffer) {

        int size() {
            return buffer.limit();
        }

        int at(int index) {
            return index >= 0 && index < size() ? buffer.get(index) & 0xFF : -1;
        }

        int skipSpace(int index) {
            while (at(index) == ' ' || at(index) == '\r' || at(index) == '\n' || at(index) == '\t'
                    || at(index) == '\f' || at(index) == 0) {
                index++;
            }
            return index;
        }

        /** The unsigned decimal number at {@code index}, or -1. */
        long number(int index) {
            long value = 0;
            int end = afterNumber(index);
            if (end == index || end - index > 10) {
                return -1;
            }
            for (int i = index; i < end; i++) {
                value = value * 10 + (at(i) - '0');
            }
            return value;
        }

        int afterNumber(int index) {
            while (at(index) >= '0' && at(index) <= '9') {
                index++;
            }
            return index;
        }

        boolean startsWith(int index, String keyword) {
            for (int i = 0; i < keyword.length(); i++) {
                if (at(index + i) != keyword.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The first {@code needle} starting in [{@code from}, {@code to}), or -1. */
        int indexOf(byte[] needle, int from, int to) {
            outer:
            for (int i = from; i < to; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (at(i + j) != (needle[j] & 0xFF)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        int lastIndexOf(byte[] needle, int from) {
            outer:
            for (int i = size() - needle.length; i >= from; i--) {
                for (int j = 0; j < needle.length; j++) {
                    if (at(i + j) != (needle[j] & 0xFF)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    private static DocumentRejectedException failed(String detail) {
        return new DocumentRejectedException(NOT_VERIFIED, "the marked copy failed its structural check: " + detail);
    }
}
