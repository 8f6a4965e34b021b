package org.agencyworkspace.connector.einvoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The Ministry of Finance e-invoice platform's query API (財政部電子發票整合服務平台, 營業人/應用程式
 * API, action {@code qryInvDetail} with {@code type=QRCode}): confirms that an invoice exists as
 * read from its codes. The real endpoint needs an App ID issued by the platform, so the workspace
 * keeps it off by default; {@link RecordedInvoiceRegistry} answers from the documented response shape.
 */
public interface InvoiceRegistry {

    /**
     * Looks an invoice up.
     *
     * @return the platform's record, or empty when the platform does not know the invoice
     *     (its {@code code} other than 200)
     * @throws InvoiceRegistryException when the platform cannot be asked (transient) or refuses
     *     the request (permanent; bad App ID)
     */
    Optional<Registered> find(Query query);

    /**
     * @param number invoice number
     * @param issued issue date
     * @param randomCode 4-digit random code
     * @param seller seller's 統一編號
     * @param verification the left code's encrypted field
     */
    record Query(String number, LocalDate issued, String randomCode, String seller,
            String verification) {

        public static Query of(EInvoice invoice) {
            return new Query(invoice.number(), invoice.issued(), invoice.randomCode(),
                    invoice.seller(), invoice.verification());
        }
    }

    /**
     * @param number invoice number ({@code invNum})
     * @param issued issue date ({@code invDate})
     * @param seller seller's 統一編號 ({@code sellerBan})
     * @param sellerName seller's name ({@code sellerName})
     * @param status invoice status ({@code invStatus}, e.g. 已確認, 作廢)
     * @param total amount ({@code amount})
     */
    record Registered(String number, LocalDate issued, String seller, String sellerName,
            String status, BigDecimal total) {

        /** Whether the invoice stands (not voided, 作廢, nor cancelled, 註銷). */
        public boolean valid() {
            return !status.contains("作廢") && !status.contains("註銷");
        }
    }

    /** The platform could not answer. */
    class InvoiceRegistryException extends RuntimeException {

        private final boolean transientFailure;

        public InvoiceRegistryException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        /** Whether asking again later may succeed. */
        public boolean isTransient() {
            return transientFailure;
        }
    }
}
