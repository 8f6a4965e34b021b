package org.agencyworkspace.connector.einvoice;

/** Text or an image that is not a readable, consistent e-invoice; the message says what is wrong. */
public class EInvoiceFormatException extends RuntimeException {

    public EInvoiceFormatException(String message) {
        super(message);
    }

    public EInvoiceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
