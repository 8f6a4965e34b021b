package org.agencyworkspace.connector.einvoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An e-invoice as read from the two QR codes of its proof copy (電子發票證明聯).
 *
 * @param number invoice number, two letters + eight digits
 * @param issued issue date
 * @param randomCode the 4-digit random code (隨機碼)
 * @param untaxed sales amount without tax; null when the seller could not split tax out
 * @param total total with tax, NT$
 * @param buyer buyer's 統一編號, {@link BusinessNumber#CONSUMER} for a consumer
 * @param seller seller's 統一編號
 * @param verification the 24-character encrypted verification field (needs the seller's key to
 *     check, so it is kept, not verified)
 * @param itemsInCodes how many items the codes carry in full
 * @param itemsOnInvoice how many items the invoice has
 * @param items the items read, in order (left code first, then right)
 */
public record EInvoice(String number, LocalDate issued, String randomCode, BigDecimal untaxed,
        BigDecimal total, String buyer, String seller, String verification, int itemsInCodes,
        int itemsOnInvoice, List<Item> items) {

    public EInvoice {
        items = List.copyOf(items);
    }

    /** The two-month period the invoice belongs to. */
    public InvoicePeriod period() {
        return InvoicePeriod.of(issued);
    }

    /**
     * @param name item name (品名)
     * @param quantity quantity
     * @param unitPrice unit price
     */
    public record Item(String name, BigDecimal quantity, BigDecimal unitPrice) {
    }
}
