package org.agencyworkspace.connector.einvoice;

/**
 * 統一編號 (Unified Business Number): eight digits with a check rule. Since 2023-04-01 (財政部,
 * 112/04/01) the weighted sum must be divisible by 5 instead of 10; the new rule accepts every
 * number the old one did, so only the new rule is applied.
 */
public final class BusinessNumber {

    private static final int[] WEIGHTS = {1, 2, 1, 2, 1, 2, 4, 1};

    /** What B2C invoices carry as the buyer: no business number. */
    public static final String CONSUMER = "00000000";

    private BusinessNumber() {
    }

    /** Whether {@code value} is eight digits that pass the check rule. */
    public static boolean isValid(String value) {
        if (value == null || !value.matches("\\d{8}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int product = (value.charAt(i) - '0') * WEIGHTS[i];
            sum += product / 10 + product % 10;
        }
        // With a 7 in the seventh place, 7 x 4 = 28 -> 10 may be read as 1 or 0.
        return sum % 5 == 0 || value.charAt(6) == '7' && (sum + 1) % 5 == 0;
    }

    /**
     * @throws EInvoiceFormatException naming {@code field} when the number fails the rule
     */
    public static String require(String value, String field) {
        if (!isValid(value)) {
            throw new EInvoiceFormatException(field + " " + value + " is not a valid 統一編號"
                    + " (8 digits, check rule of 2023)");
        }
        return value;
    }
}
