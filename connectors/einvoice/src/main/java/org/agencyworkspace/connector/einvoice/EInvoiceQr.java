package org.agencyworkspace.connector.einvoice;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the text of an e-invoice proof copy's two QR codes (電子發票證明聯一維及二維條碼規格說明,
 * v1.8): the left code's 77-character fixed part, then {@code :}-separated fields (seller's own 10
 * characters, item counts, the name encoding 0 Big5 / 1 UTF-8 / 2 Base64, then name:quantity:price
 * triples), continued by the right code after its {@code **}. Codes are taken as bytes because a
 * Big5 name is only readable from the bytes the code holds.
 */
public final class EInvoiceQr {

    /** Length of the left code's fixed part. */
    public static final int HEADER = 77;
    private static final Pattern BASE64_24 = Pattern.compile("^[A-Za-z0-9+/]{22}[A-Za-z0-9+/=]{2}$");
    private static final Charset BIG5 = Charset.forName("Big5");

    private EInvoiceQr() {
    }

    /** Whether the code starts like a left code (an invoice number, then the ROC date's digits). */
    public static boolean looksLikeLeft(byte[] code) {
        return code.length >= 17 && new String(code, 0, 17, StandardCharsets.ISO_8859_1)
                .matches("[A-Z]{2}\\d{15}");
    }

    /** Whether the code is a right code ({@code **} first). */
    public static boolean isRight(byte[] code) {
        return code.length >= 2 && code[0] == '*' && code[1] == '*';
    }

    /**
     * Joins and reads both halves.
     *
     * @param left the left code's bytes
     * @param right the right code's bytes, or null when only the left one was read (then only the
     *     items the left code holds are read, and a list that needs the right code is refused)
     * @throws EInvoiceFormatException with what is wrong, field by field
     */
    public static EInvoice parse(byte[] left, byte[] right) {
        if (left == null || left.length < HEADER) {
            throw new EInvoiceFormatException("the left code has " + (left == null ? 0 : left.length)
                    + " characters; its fixed part alone needs " + HEADER);
        }
        if (right != null && !isRight(right)) {
            throw new EInvoiceFormatException("the right code does not start with **");
        }
        String head = new String(left, 0, HEADER, StandardCharsets.ISO_8859_1);
        if (!head.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new EInvoiceFormatException("the left code's fixed part is not plain ASCII");
        }
        String number = head.substring(0, 10);
        if (!InvoicePeriod.isInvoiceNumber(number)) {
            throw new EInvoiceFormatException("invoice number " + number
                    + " is not two capital letters and eight digits");
        }
        LocalDate issued = rocDate(head.substring(10, 17));
        String random = head.substring(17, 21);
        if (!random.matches("\\d{4}")) {
            throw new EInvoiceFormatException("random code " + random + " is not 4 digits");
        }
        long untaxed = hex(head.substring(21, 29), "untaxed amount");
        long total = hex(head.substring(29, 37), "total");
        String buyer = head.substring(37, 45);
        if (!BusinessNumber.CONSUMER.equals(buyer)) {
            BusinessNumber.require(buyer, "buyer");
        }
        String seller = BusinessNumber.require(head.substring(45, 53), "seller");
        String verification = head.substring(53, 77);
        if (!BASE64_24.matcher(verification).matches()) {
            throw new EInvoiceFormatException("the verification field is not 24 Base64 characters");
        }
        if (total <= 0) {
            throw new EInvoiceFormatException("total " + total + " is not positive");
        }
        if (untaxed > total) {
            throw new EInvoiceFormatException("untaxed amount " + untaxed + " exceeds total " + total);
        }

        List<byte[]> fields = split(join(left, right));
        if (fields.size() < 5 || fields.get(0).length != 0) {
            throw new EInvoiceFormatException("the left code lacks the : fields after its fixed part"
                    + " (free area, item counts, encoding)");
        }
        int inCodes = count(fields.get(2), "item count in the codes");
        int onInvoice = count(fields.get(3), "item count of the invoice");
        String encoding = ascii(fields.get(4));
        List<byte[]> itemFields = fields.subList(5, fields.size());
        // A code ending in ':' (an empty item part) leaves one empty field behind.
        if (itemFields.size() == 1 && itemFields.get(0).length == 0) {
            itemFields = List.of();
        }
        if (itemFields.size() % 3 != 0) {
            throw new EInvoiceFormatException("the item part is cut off: " + itemFields.size()
                    + " fields do not make name:quantity:price triples"
                    + (right == null ? " (is the right code missing?)" : ""));
        }
        List<EInvoice.Item> items = new ArrayList<>();
        for (int i = 0; i < itemFields.size(); i += 3) {
            items.add(new EInvoice.Item(name(itemFields.get(i), encoding),
                    decimal(itemFields.get(i + 1), "quantity of item " + (i / 3 + 1)),
                    decimal(itemFields.get(i + 2), "unit price of item " + (i / 3 + 1))));
        }
        if (items.size() < inCodes && right == null) {
            throw new EInvoiceFormatException("the codes carry " + inCodes + " items but the left"
                    + " code holds " + items.size() + ": the right code is needed");
        }
        if (items.size() != inCodes) {
            throw new EInvoiceFormatException("the codes say they carry " + inCodes
                    + " items, but " + items.size() + " were read");
        }
        if (inCodes > onInvoice) {
            throw new EInvoiceFormatException("the codes carry " + inCodes
                    + " items of an invoice of " + onInvoice);
        }
        if (!items.isEmpty() && inCodes == onInvoice) {
            BigDecimal sum = items.stream().map(item -> item.quantity().multiply(item.unitPrice()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            // Item prices are shown with or without tax depending on the seller: either may match,
            // give or take a dollar per item of rounding.
            BigDecimal slack = BigDecimal.valueOf(items.size());
            if (sum.subtract(BigDecimal.valueOf(total)).abs().compareTo(slack) > 0
                    && sum.subtract(BigDecimal.valueOf(untaxed)).abs().compareTo(slack) > 0) {
                throw new EInvoiceFormatException("the items add up to " + sum.toPlainString()
                        + " but the code's total is " + total);
            }
        }
        return new EInvoice(number, issued, random, untaxed == 0 ? null : BigDecimal.valueOf(untaxed),
                BigDecimal.valueOf(total), buyer, seller, verification, inCodes, onInvoice, items);
    }

    private static LocalDate rocDate(String text) {
        if (!text.matches("\\d{7}")) {
            throw new EInvoiceFormatException("issue date " + text + " is not a ROC date yyyMMdd");
        }
        try {
            return LocalDate.of(Integer.parseInt(text.substring(0, 3)) + 1911,
                    Integer.parseInt(text.substring(3, 5)), Integer.parseInt(text.substring(5, 7)));
        } catch (DateTimeException e) {
            throw new EInvoiceFormatException("issue date " + text + " is not a calendar date", e);
        }
    }

    private static long hex(String text, String field) {
        if (!text.matches("[0-9A-Fa-f]{8}")) {
            throw new EInvoiceFormatException(field + " " + text + " is not 8 hexadecimal digits");
        }
        return Long.parseLong(text, 16);
    }

    private static int count(byte[] field, String name) {
        String text = ascii(field);
        if (!text.matches("\\d{1,4}")) {
            throw new EInvoiceFormatException(name + " '" + text + "' is not a number");
        }
        return Integer.parseInt(text);
    }

    private static BigDecimal decimal(byte[] field, String name) {
        String text = ascii(field).strip();
        if (!text.matches("-?\\d{1,12}(\\.\\d{1,6})?")) {
            throw new EInvoiceFormatException(name + " '" + text + "' is not a number");
        }
        return new BigDecimal(text);
    }

    private static String name(byte[] field, String encoding) {
        return switch (encoding) {
            case "0" -> decodeStrict(field, BIG5);
            case "1" -> decodeStrict(field, StandardCharsets.UTF_8);
            case "2" -> {
                try {
                    yield decodeStrict(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new EInvoiceFormatException("an item name is not Base64", e);
                }
            }
            default -> throw new EInvoiceFormatException("name encoding '" + encoding
                    + "' is not 0 (Big5), 1 (UTF-8) or 2 (Base64)");
        };
    }

    private static String decodeStrict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new EInvoiceFormatException("an item name is not valid " + charset.name(), e);
        }
    }

    private static String ascii(byte[] field) {
        return new String(field, StandardCharsets.ISO_8859_1);
    }

    private static byte[] join(byte[] left, byte[] right) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(left.length + 64);
        int leftEnd = left.length;
        if (right == null || right.length == 2) {
            joined.write(left, HEADER, leftEnd - HEADER);
            return joined.toByteArray();
        }
        // Writers differ on whether the colon between the halves ends the left code or starts
        // the right one: take exactly one.
        if (leftEnd > HEADER && left[leftEnd - 1] == ':') {
            leftEnd--;
        }
        int rightStart = right.length > 2 && right[2] == ':' ? 3 : 2;
        joined.write(left, HEADER, leftEnd - HEADER);
        joined.write(':');
        joined.write(right, rightStart, right.length - rightStart);
        return joined.toByteArray();
    }

    /** Splits on ':', which is never part of a Big5 or UTF-8 multi-byte character. */
    private static List<byte[]> split(byte[] text) {
        List<byte[]> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == ':') {
                fields.add(Arrays.copyOfRange(text, start, i));
                start = i + 1;
            }
        }
        return fields;
    }
}
