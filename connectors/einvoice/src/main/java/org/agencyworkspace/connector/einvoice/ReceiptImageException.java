package org.agencyworkspace.connector.einvoice;

/** A file that cannot be read as a receipt image or PDF, or that is refused (too large, hostile). */
public class ReceiptImageException extends RuntimeException {

    public ReceiptImageException(String message) {
        super(message);
    }

    public ReceiptImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
