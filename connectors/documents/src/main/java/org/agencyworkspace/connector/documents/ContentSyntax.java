package org.agencyworkspace.connector.documents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSString;

/**
 * The operands each content-stream operator takes (ISO 32000-1 annex A), so that a rewritten
 * content stream holds only operators every reader executes the same way. Readers disagree on the
 * rest: poppler abandons a page's whole content at an operator with too few operands, where
 * PDFBox carries on, so a stamp drawn after it would show in one reader and not the other.
 */
final class ContentSyntax {

    /** What one operand must be. */
    private enum Kind {
        NUMBER, INTEGER, NAME, STRING, ARRAY, NAME_OR_DICTIONARY;

        boolean accepts(COSBase operand) {
            return switch (this) {
                case NUMBER -> operand instanceof COSNumber number && Float.isFinite(number.floatValue());
                case INTEGER -> operand instanceof COSInteger;
                case NAME -> operand instanceof COSName;
                case STRING -> operand instanceof COSString;
                case ARRAY -> operand instanceof COSArray;
                case NAME_OR_DICTIONARY -> operand instanceof COSName || operand instanceof COSDictionary;
            };
        }
    }

    private static final Map<String, List<Kind>> FIXED = new HashMap<>();
    /** Colour operators: up to this many numbers; the pattern forms may end in a name. */
    private static final Map<String, Integer> COLOUR = Map.of("SC", 4, "sc", 4, "SCN", 33, "scn", 33);

    static {
        Kind n = Kind.NUMBER;
        for (String operator : List.of("b", "B", "b*", "B*", "BT", "BX", "EMC", "ET", "EX", "f", "F", "f*", "h", "n",
                "q", "Q", "s", "S", "T*", "W", "W*", "BI", "ID", "EI")) {
            FIXED.put(operator, List.of());
        }
        for (String operator : List.of("c", "cm", "d1", "Tm")) {
            FIXED.put(operator, List.of(n, n, n, n, n, n));
        }
        for (String operator : List.of("re", "v", "y", "K", "k")) {
            FIXED.put(operator, List.of(n, n, n, n));
        }
        for (String operator : List.of("RG", "rg")) {
            FIXED.put(operator, List.of(n, n, n));
        }
        for (String operator : List.of("d0", "l", "m", "Td", "TD")) {
            FIXED.put(operator, List.of(n, n));
        }
        for (String operator : List.of("G", "g", "i", "M", "Tc", "TL", "Ts", "Tw", "Tz", "w")) {
            FIXED.put(operator, List.of(n));
        }
        for (String operator : List.of("j", "J", "Tr")) {
            FIXED.put(operator, List.of(Kind.INTEGER));
        }
        for (String operator : List.of("BMC", "CS", "cs", "Do", "gs", "MP", "ri", "sh")) {
            FIXED.put(operator, List.of(Kind.NAME));
        }
        FIXED.put("BDC", List.of(Kind.NAME, Kind.NAME_OR_DICTIONARY));
        FIXED.put("DP", List.of(Kind.NAME, Kind.NAME_OR_DICTIONARY));
        FIXED.put("d", List.of(Kind.ARRAY, n));
        FIXED.put("Tf", List.of(Kind.NAME, n));
        FIXED.put("Tj", List.of(Kind.STRING));
        FIXED.put("'", List.of(Kind.STRING));
        FIXED.put("\"", List.of(n, n, Kind.STRING));
        FIXED.put("TJ", List.of(Kind.ARRAY));
    }

    private ContentSyntax() {
    }

    /**
     * How many of the operands before {@code operator} (the last {@code operands.size()} tokens)
     * to keep: all of them, the trailing ones when there are extra (as readers take them), or -1
     * when the operator must go with its operands (unknown, too few or wrongly typed operands).
     */
    static int operandsToKeep(String operator, List<Object> operands) {
        Integer colour = COLOUR.get(operator);
        if (colour != null) {
            return colourOperands(operands, colour, operator.endsWith("N") || operator.endsWith("n")) ? operands.size()
                    : -1;
        }
        List<Kind> kinds = FIXED.get(operator);
        if (kinds == null || operands.size() < kinds.size()) {
            return -1;
        }
        int skipped = operands.size() - kinds.size();
        for (int i = 0; i < kinds.size(); i++) {
            if (!(operands.get(skipped + i) instanceof COSBase operand) || !kinds.get(i).accepts(operand)) {
                return -1;
            }
        }
        return kinds.size();
    }

    private static boolean colourOperands(List<Object> operands, int most, boolean patternName) {
        if (operands.isEmpty() || operands.size() > most) {
            return false;
        }
        for (int i = 0; i < operands.size(); i++) {
            Object operand = operands.get(i);
            boolean lastName = patternName && i == operands.size() - 1 && operand instanceof COSName;
            if (!lastName && !(operand instanceof COSNumber number && Float.isFinite(number.floatValue()))) {
                return false;
            }
        }
        return true;
    }
}
