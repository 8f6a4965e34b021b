package org.agencyworkspace.identity.scim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import org.agencyworkspace.identity.IdentityRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers every SCIM failure in the SCIM error schema (RFC 7644 section 3.12), never a trace. */
@RestControllerAdvice(basePackageClasses = ScimErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ScimErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ScimErrors.class);

    @ExceptionHandler(IdentityRejectedException.class)
    ResponseEntity<ObjectNode> rejected(IdentityRejectedException e) {
        return switch (e.reason()) {
            case INVALID_VALUE -> error(HttpStatus.BAD_REQUEST, "invalidValue", e.getMessage());
            case UNIQUENESS -> error(HttpStatus.CONFLICT, "uniqueness", e.getMessage());
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, null, e.getMessage());
            case VERSION_MISMATCH -> error(HttpStatus.PRECONDITION_FAILED, null, e.getMessage());
        };
    }

    @ExceptionHandler(ScimException.class)
    ResponseEntity<ObjectNode> scim(ScimException e) {
        HttpStatus status = HttpStatus.resolve(e.getScimError().getStatus());
        return error(status == null ? HttpStatus.BAD_REQUEST : status, e.getScimError().getScimType(),
                e.getScimError().getDetail() == null ? e.getMessage() : e.getScimError().getDetail());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "invalidSyntax", "the body is not valid JSON");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ObjectNode> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null,
                "send application/scim+json or application/json");
    }

    /** Two clients creating the same user name at once: the database keeps one. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ObjectNode> conflict(DataIntegrityViolationException e) {
        return error(HttpStatus.CONFLICT, "uniqueness", "the user or group already exists");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ObjectNode> unexpected(Exception e) {
        LOG.error("SCIM request failed: {}", e.toString(), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, null,
                "the request could not be completed; nothing was changed");
    }

    static ResponseEntity<ObjectNode> error(HttpStatus status, String scimType, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(ScimSchemas.MEDIA_TYPE))
                .body(body(status.value(), scimType, detail));
    }

    static ObjectNode body(int status, String scimType, String detail) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putArray("schemas").add(ScimSchemas.ERROR);
        error.put("status", Integer.toString(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        return error;
    }
}
