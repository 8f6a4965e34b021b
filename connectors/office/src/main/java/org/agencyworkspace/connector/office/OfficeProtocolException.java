package org.agencyworkspace.connector.office;

/** An editor sent something that does not follow the WOPI or ONLYOFFICE protocol. */
public class OfficeProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OfficeProtocolException(String message) {
        super(message);
    }

    public OfficeProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
