package org.agencyworkspace.connector.documents;

import java.util.Objects;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

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
        INVALID_NAME(400),
        /** A thumbnail asked of a PDF that carries no watermark: only marked copies are shown. */
        NOT_MARKED(422),
        /**
         * The marked copy failed the check made before release (read back, a page without its
         * mark, or faults found by the second parser or, when enabled, qpdf): the copy was
         * discarded.
         */
        NOT_VERIFIED(422);

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
    private final String detail;

    public DocumentRejectedException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public DocumentRejectedException(Reason reason, String detail, Throwable cause) {
        super("documents", Objects.requireNonNull(reason, "reason") + ": " + detail, 0, null, null,
                cause);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** The same refusal, its detail prefixed with what it concerns (e.g. one item of a bundle). */
    DocumentRejectedException concerning(String subject) {
        return new DocumentRejectedException(reason, subject + ": " + detail, this);
    }

    /** How a PDF that PDFBox could not open is refused: it needs a password, or it is broken. */
    static DocumentRejectedException unreadable(Throwable e) {
        if (e instanceof InvalidPasswordException) {
            return new DocumentRejectedException(Reason.PASSWORD_REQUIRED, "the PDF needs a user password to open", e);
        }
        // PDFBox reports broken structure as IOException, assorted runtime exceptions, or a stack
        // overflow on deeply nested objects.
        return new DocumentRejectedException(Reason.CORRUPT, "unreadable PDF: " + e.getMessage(), e);
    }
}
