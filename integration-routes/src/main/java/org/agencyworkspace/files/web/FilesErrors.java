package org.agencyworkspace.files.web;

import jakarta.servlet.http.HttpServletRequest;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.files.classification.LabelRejectedException;
import org.agencyworkspace.files.delivery.DeliveryRefusedException;
import org.agencyworkspace.files.labels.LabelAccessDeniedException;
import org.agencyworkspace.files.shares.FileSharing;
import org.agencyworkspace.files.store.SharingUnavailableException;
import org.agencyworkspace.files.store.VersionConflictException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The files API's refusals as RFC 9457 problem details: the reason a person can act on, never a
 * stack trace. Every refusal was already audited where it was decided.
 */
@RestControllerAdvice(assignableTypes = {FilesApi.class, FileSharesApi.class, WriteGrantsApi.class})
public class FilesErrors {

    private final InvalidRequests invalidRequests;

    public FilesErrors(InvalidRequests invalidRequests) {
        this.invalidRequests = invalidRequests;
    }

    @ExceptionHandler(LabelRejectedException.class)
    ProblemDetail rejected(LabelRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "Label refused", e.getMessage());
    }

    @ExceptionHandler(LabelAccessDeniedException.class)
    ProblemDetail denied(LabelAccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    @ExceptionHandler(VersionConflictException.class)
    ProblemDetail conflict(VersionConflictException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Changed meanwhile", e.getMessage());
    }

    @ExceptionHandler(DeliveryRefusedException.class)
    ProblemDetail refused(DeliveryRefusedException e) {
        return problem(statusOf(e.reason()), "Not delivered", e.getMessage());
    }

    @ExceptionHandler(FileSharing.ShareRefusedException.class)
    ProblemDetail shareRefused(FileSharing.ShareRefusedException e) {
        return e.notFound() ? problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage())
                : problem(HttpStatus.FORBIDDEN, "Share refused", e.getMessage());
    }

    @ExceptionHandler(SharingUnavailableException.class)
    ProblemDetail noSharing(SharingUnavailableException e) {
        return problem(HttpStatus.NOT_IMPLEMENTED, "No sharing here", e.getMessage());
    }

    @ExceptionHandler(TransientConnectorException.class)
    ProblemDetail unavailable(TransientConnectorException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "File store unavailable",
                "the file store did not answer; try again shortly");
    }

    /** Bad paths and other invalid input ({@link org.agencyworkspace.files.store.FilePath}); label refusals are handled above. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e, HttpServletRequest request) {
        invalidRequests.record(request.getRequestURI(), e.getMessage());
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    static HttpStatus statusOf(DeliveryRefusedException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_A_FILE, NOT_A_FOLDER -> HttpStatus.BAD_REQUEST;
            case DENIED -> HttpStatus.FORBIDDEN;
            case CANNOT_MARK, EMPTY_FOLDER, TOO_MANY_FILES -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
