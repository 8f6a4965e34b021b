package org.agencyworkspace.web;

import jakarta.servlet.http.HttpServletRequest;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.documents.DocumentRejectedException;
import org.agencyworkspace.files.classification.LabelRejectedException;
import org.agencyworkspace.files.delivery.DeliveryRefusedException;
import org.agencyworkspace.files.editing.EditingRefusedException;
import org.agencyworkspace.files.labels.LabelAccessDeniedException;
import org.agencyworkspace.files.shares.FileSharing;
import org.agencyworkspace.files.store.SharingUnavailableException;
import org.agencyworkspace.files.store.VersionConflictException;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the APIs' refusals become RFC 9457 problem details: a title, the problems a
 * person can act on, the request id to quote; never a stack trace. Every refusal was audited where
 * it was decided, before it was thrown, or is recorded here when it says how
 * ({@link RefusedException#unrecorded}); invalid input is audited here, since it is refused before
 * any decision. Ordered last, so the APIs with a protocol of their own (SCIM, WOPI, the ONLYOFFICE
 * fetch) keep their own error format.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblems {

    private final InvalidRequests invalidRequests;
    private final AuditTrail audit;

    public ApiProblems(InvalidRequests invalidRequests, AuditTrail audit) {
        this.invalidRequests = invalidRequests;
        this.audit = audit;
    }

    @ExceptionHandler(RefusedException.class)
    ProblemDetail refused(RefusedException e, HttpServletRequest request) {
        if (!e.audited()) {
            AuditEvent.Builder unrecorded = e.unrecorded(CurrentUser.loginOrAnonymous());
            if (unrecorded != null) {
                audit.record(unrecorded.source(request.getRemoteAddr(), request.getHeader("User-Agent")).build());
                e.markAudited();
            }
        }
        ProblemDetail problem = problem(HttpStatus.valueOf(e.kind().httpStatus()), e.title(),
                e.getMessage(), request);
        problem.setProperty("problems", e.problems());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(LabelRejectedException.class)
    ProblemDetail labelRejected(LabelRejectedException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Label refused", e.getMessage(), request);
    }

    @ExceptionHandler(LabelAccessDeniedException.class)
    ProblemDetail labelDenied(LabelAccessDeniedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), request);
    }

    @ExceptionHandler(VersionConflictException.class)
    ProblemDetail versionConflict(VersionConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Changed meanwhile", e.getMessage(), request);
    }

    @ExceptionHandler(DeliveryRefusedException.class)
    ProblemDetail notDelivered(DeliveryRefusedException e, HttpServletRequest request) {
        return problem(HttpStatus.valueOf(e.reason().httpStatus()), "Not delivered", e.getMessage(),
                request);
    }

    @ExceptionHandler(EditingRefusedException.class)
    ProblemDetail notOpened(EditingRefusedException e, HttpServletRequest request) {
        return problem(HttpStatus.valueOf(e.status()), "Not opened", e.getMessage(), request);
    }

    /** A PDF the copy tracer or another reader could not parse; the reason, never the parser's trace. */
    @ExceptionHandler(DocumentRejectedException.class)
    ProblemDetail unreadable(DocumentRejectedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Cannot read the document",
                "not a readable PDF: " + e.reason(), request);
    }

    @ExceptionHandler(FileSharing.ShareRefusedException.class)
    ProblemDetail shareRefused(FileSharing.ShareRefusedException e, HttpServletRequest request) {
        return e.notFound() ? problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request)
                : problem(HttpStatus.FORBIDDEN, "Share refused", e.getMessage(), request);
    }

    @ExceptionHandler(SharingUnavailableException.class)
    ProblemDetail noSharing(SharingUnavailableException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_IMPLEMENTED, "No sharing here", e.getMessage(), request);
    }

    /** An outside system (the file store, the directory) did not answer; its error stays in the log. */
    @ExceptionHandler(TransientConnectorException.class)
    ProblemDetail unavailable(TransientConnectorException e, HttpServletRequest request) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                "a system the workspace relies on did not answer; try again shortly", request);
    }

    /** Two requests raced for the same unique thing; the loser is told to look again. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail raced(DuplicateKeyException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Changed meanwhile",
                "someone else did the same at the same moment; look again and retry", request);
    }

    /** Malformed input (a bad path, an unknown kind), refused before any policy decision. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e, HttpServletRequest request) {
        invalidRequests.record(request.getRequestURI(), e.getMessage());
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), request);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail,
            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        Object requestId = request.getAttribute(RequestIdFilter.REQUEST_ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }
}
