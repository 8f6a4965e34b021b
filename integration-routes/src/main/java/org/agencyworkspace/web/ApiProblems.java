package org.agencyworkspace.web;

import jakarta.servlet.http.HttpServletRequest;
import org.agencyworkspace.platform.RefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the APIs' refusals become RFC 9457 problem details: a title, the problems a
 * person can act on, the request id to quote; never a stack trace. Every refusal was audited where
 * it was decided, before it was thrown. Ordered last, so an API with a protocol of its own (SCIM,
 * WOPI) keeps its own error format.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblems {

    @ExceptionHandler(RefusedException.class)
    ProblemDetail refused(RefusedException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.valueOf(e.kind().httpStatus()), e.title(),
                e.getMessage(), request);
        problem.setProperty("problems", e.problems());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** Two requests raced for the same unique thing; the loser is told to look again. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail raced(DuplicateKeyException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Changed meanwhile",
                "someone else did the same at the same moment; look again and retry", request);
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
