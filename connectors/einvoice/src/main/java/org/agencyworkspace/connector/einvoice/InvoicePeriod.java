package org.agencyworkspace.connector.einvoice;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The two-month period (期別) an invoice is issued in, named by its even month and the ROC year:
 * {@code 11304} is March-April 2024. Invoice numbers (字軌 + 8 digits) are allocated per period, so
 * number plus period identifies an invoice nationally.
 *
 * @param rocYear ROC year (Gregorian - 1911)
 * @param evenMonth 2, 4, ..., 12
 */
public record InvoicePeriod(int rocYear, int evenMonth) {

    private static final Pattern NUMBER = Pattern.compile("^[A-Z]{2}\\d{8}$");

    public InvoicePeriod {
        if (rocYear < 1 || rocYear > 999 || evenMonth < 2 || evenMonth > 12 || evenMonth % 2 != 0) {
            throw new EInvoiceFormatException("invoice period " + rocYear + "/" + evenMonth
                    + " is not a two-month period");
        }
    }

    /** The period containing {@code date}. */
    public static InvoicePeriod of(LocalDate date) {
        int month = date.getMonthValue();
        return new InvoicePeriod(date.getYear() - 1911, month % 2 == 0 ? month : month + 1);
    }

    /** Parses the 5-digit form ({@code 11304}). */
    public static InvoicePeriod parse(String code) {
        if (code == null || !code.matches("\\d{5}")) {
            throw new EInvoiceFormatException("invoice period " + code + " is not 5 digits (yyyMM)");
        }
        return new InvoicePeriod(Integer.parseInt(code.substring(0, 3)),
                Integer.parseInt(code.substring(3)));
    }

    /** Whether {@code date} falls in this period. */
    public boolean contains(LocalDate date) {
        return of(date).equals(this);
    }

    /** The 5-digit form, {@code 11304}. */
    public String code() {
        return String.format("%03d%02d", rocYear, evenMonth);
    }

    /** Whether {@code value} is an invoice number: two capital letters and eight digits. */
    public static boolean isInvoiceNumber(String value) {
        return value != null && NUMBER.matcher(value).matches();
    }

    @Override
    public String toString() {
        return code();
    }
}
