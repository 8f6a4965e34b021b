package org.agencyworkspace.connector.documents;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte-level damage, as transfers, disks and careless tools leave it, and as an attacker makes it. */
final class PdfDamage {

    /** One kind of damage: its name, and the damaged copy it makes of a PDF. */
    record Kind(String name, BiFunction<byte[], Random, byte[]> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern XREF_ENTRY = Pattern.compile("(\\d{10}) (\\d{5}) [nf]");
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d+)");
    private static final Pattern LENGTH = Pattern.compile("/Length (\\d+)");
    private static final Pattern COUNT = Pattern.compile("/Count (\\d+)");
    private static final Pattern MEDIA_BOX = Pattern.compile("/MediaBox \\[[^\\]]*\\]");
    private static final Pattern REFERENCE = Pattern.compile("(\\d+) 0 R");

    static final List<Kind> KINDS = List.of(
            new Kind("bit flips", PdfDamage::bitFlips),
            new Kind("truncation", (pdf, random) -> Arrays.copyOf(pdf, 1 + random.nextInt(pdf.length - 1))),
            new Kind("truncation with %%EOF appended", (pdf, random) -> concat(
                    Arrays.copyOf(pdf, 1 + random.nextInt(pdf.length - 1)), ascii("\n%%EOF\n"))),
            new Kind("range cut out", PdfDamage::cutRange),
            new Kind("range repeated", PdfDamage::repeatRange),
            new Kind("xref offsets broken", PdfDamage::xrefOffsets),
            new Kind("startxref broken", (pdf, random) -> replaceNumber(pdf, STARTXREF, random, true)),
            new Kind("stream lengths broken", (pdf, random) -> replaceNumber(pdf, LENGTH, random, false)),
            new Kind("page counts broken", (pdf, random) -> replaceNumber(pdf, COUNT, random, false)),
            new Kind("media box broken", PdfDamage::mediaBox),
            new Kind("object references redirected", (pdf, random) -> replaceNumber(pdf, REFERENCE, random, false)));

    private PdfDamage() {
    }

    private static byte[] bitFlips(byte[] pdf, Random random) {
        byte[] copy = pdf.clone();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            int at = random.nextInt(copy.length);
            copy[at] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] cutRange(byte[] pdf, Random random) {
        int from = random.nextInt(pdf.length);
        int to = Math.min(pdf.length, from + 1 + random.nextInt(Math.max(1, pdf.length / 8)));
        return concat(Arrays.copyOfRange(pdf, 0, from), Arrays.copyOfRange(pdf, to, pdf.length));
    }

    private static byte[] repeatRange(byte[] pdf, Random random) {
        int from = random.nextInt(pdf.length);
        int to = Math.min(pdf.length, from + 1 + random.nextInt(Math.max(1, pdf.length / 8)));
        int at = random.nextInt(pdf.length);
        return concat(Arrays.copyOfRange(pdf, 0, at), Arrays.copyOfRange(pdf, from, to),
                Arrays.copyOfRange(pdf, at, pdf.length));
    }

    /** Some offsets of a classic cross-reference table moved; for a cross-reference stream, bit flips. */
    private static byte[] xrefOffsets(byte[] pdf, Random random) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher entry = XREF_ENTRY.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        while (entry.find()) {
            any = true;
            String offset = entry.group(1);
            if (random.nextInt(3) == 0) {
                long moved = Math.max(0, Long.parseLong(offset) + random.nextInt(41) - 20);
                offset = String.format("%010d", random.nextInt(4) == 0 ? random.nextInt(pdf.length * 2) : moved);
            }
            entry.appendReplacement(out, offset + " " + entry.group(2) + " " + entry.group().charAt(17));
        }
        if (!any) {
            return bitFlips(pdf, random);
        }
        entry.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One match's number replaced by a nearby or arbitrary one (or, with {@code every}, each match's). */
    private static byte[] replaceNumber(byte[] pdf, Pattern pattern, Random random, boolean every) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher matcher = pattern.matcher(text);
        int matches = (int) matcher.results().count();
        if (matches == 0) {
            return bitFlips(pdf, random);
        }
        int chosen = random.nextInt(matches);
        matcher.reset();
        StringBuilder out = new StringBuilder();
        for (int i = 0; matcher.find(); i++) {
            String replaced = matcher.group();
            if (every || i == chosen) {
                long value = Long.parseLong(matcher.group(1));
                long other = switch (random.nextInt(4)) {
                    case 0 -> value + 1;
                    case 1 -> Math.max(0, value - 1);
                    case 2 -> random.nextInt(1000);
                    default -> value * 2 + 7;
                };
                replaced = replaced.substring(0, matcher.start(1) - matcher.start()) + other
                        + replaced.substring(matcher.end(1) - matcher.start());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        matcher.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] mediaBox(byte[] pdf, Random random) {
        List<String> boxes = List.of("/MediaBox [0 0 0 0]", "/MediaBox [0 0 612]", "/MediaBox [0 0 1e40 792]",
                "/MediaBox [612 792 0 0]", "/MediaBox [0 0 99999 2]", "/MediaBox (A4)");
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher matcher = MEDIA_BOX.matcher(text);
        if (!matcher.find()) {
            return bitFlips(pdf, random);
        }
        return (text.substring(0, matcher.start()) + boxes.get(random.nextInt(boxes.size()))
                + text.substring(matcher.end())).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
