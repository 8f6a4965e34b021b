package org.agencyworkspace.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Audit search for administrators and scripts; {@link AuditSearchService} says what it covers. */
@RestController
@RequestMapping("/api/admin/audit")
@Tag(name = "Audit")
public class AuditSearchApi {

    private final AuditSearchService searches;

    public AuditSearchApi(AuditSearchService searches) {
        this.searches = searches;
    }

    @GetMapping("/search")
    @Operation(summary = "Audit events by user, file (a trailing * matches a folder), label, action and time")
    public ResponseEntity<?> search(@RequestParam(required = false) String user,
            @RequestParam(required = false) String file, @RequestParam(required = false) String label,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        try {
            return ResponseEntity.ok(searches.search(new AuditSearchService.Filters(user, file,
                    label, action, from, to, page, size)));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, e.getMessage()));
        }
    }
}
