package org.agencyworkspace.connector.documents;

import java.util.Objects;
import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * A document or a watermark request was refused, and nothing was written to the caller's output.
 * Sending the same input again fails the same way, so routes dead-letter it at once and the web
 * layer answers with {@link Reason#httpStatus()}.
 */
public class DocumentRejectedException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    /** Why the document or request was refused. */
    public enum Reason {
        /** No bytes, or a PDF without pages. */
        EMPTY(422),
        /** Not a PDF, truncated, or its structure cannot be read. */
        CORRUPT(422),
        /** The PDF opens only with a user password, which the workspace never holds. */
        PASSWORD_REQUIRED(422),
        /** Larger than the configured byte or page limit. */
        TOO_LARGE(413),
        /** An Office package that expands far beyond its size (a zip bomb) or has too many parts. */
        ARCHIVE_BOMB(413),
        /** Neither a PDF nor a docx, xlsx, pptx, odt, ods or odp package. */
        UNSUPPORTED_TYPE(415),
        /** LibreOffice did not produce a PDF, or took longer than allowed. */
        CONVERSION_FAILED(422),
        /** A classification label code the workspace does not know. */
        UNKNOWN_LABEL(400),
        /** A name or marking value with control characters, path traversal or an invalid form. */
        INVALID_NAME(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status a web endpoint should answer with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public DocumentRejectedException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public DocumentRejectedException(Reason reason, String detail, Throwable cause) {
        super("documents", Objects.requireNonNull(reason, "reason") + ": " + detail, 0, null, null,
                cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
