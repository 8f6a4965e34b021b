package org.agencyworkspace.connector.documents;

import java.util.regex.Pattern;

/** Checks for the names and values printed into a document or used to find files. */
final class Names {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    private static final int MAX_LENGTH = 200;

    private Names() {
    }

    /**
     * {@code value} itself once it is known to be printable text: not blank, at most 200
     * characters, no control, format (bidi overrides) or line-separator characters, which could
     * hide or reorder what the watermark says.
     *
     * @throws DocumentRejectedException {@code INVALID_NAME} naming {@code what}
     */
    static String requirePrintable(String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(what + " required");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(what + " longer than " + MAX_LENGTH + " characters");
        }
        if (CONTROL.matcher(value).find()) {
            throw invalid(what + " contains control characters");
        }
        return value;
    }

    /** {@code value} with control characters shown as {@code ?}, for error messages. */
    static String printable(String value) {
        return value == null ? "" : CONTROL.matcher(value).replaceAll("?");
    }

    static DocumentRejectedException invalid(String detail) {
        return new DocumentRejectedException(DocumentRejectedException.Reason.INVALID_NAME, detail);
    }
}
