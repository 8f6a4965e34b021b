package org.agencyworkspace.security.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Security incidents for administrators and scripts: list, show, assign, acknowledge, close, export. */
@RestController
@RequestMapping("/api/admin/security/incidents")
@Tag(name = "Security incidents")
public class IncidentApi {

    private final IncidentService incidents;

    public IncidentApi(IncidentService incidents) {
        this.incidents = incidents;
    }

    /** @param assignee who handles the incident */
    public record AssignRequest(String assignee) {
    }

    /** @param resolution what was found and done; required */
    public record CloseRequest(String resolution) {
    }

    @GetMapping
    @Operation(summary = "Incidents, latest activity first; filter by status, severity, rule, assignee")
    public List<Incident> list(@RequestParam(required = false) Incident.Status status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String rule,
            @RequestParam(required = false) String assignee, @RequestParam(defaultValue = "100") int limit) {
        return incidents.list(filter(status, severity, rule, assignee, limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One incident with its evidence event ids and timeline")
    public ResponseEntity<Incident> show(@PathVariable String id) {
        return ResponseEntity.of(incidents.find(id));
    }

    @PostMapping("/{id}/assign")
    @Operation(summary = "Assign an incident that is not closed")
    public ResponseEntity<?> assign(@PathVariable String id, @RequestBody AssignRequest request) {
        return answer(() -> incidents.assign(id, request == null ? null : request.assignee(),
                CurrentUser.loginOrAnonymous()));
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge an open incident")
    public ResponseEntity<?> acknowledge(@PathVariable String id) {
        return answer(() -> incidents.acknowledge(id, CurrentUser.loginOrAnonymous()));
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close an incident with a resolution")
    public ResponseEntity<?> close(@PathVariable String id, @RequestBody CloseRequest request) {
        return answer(() -> incidents.close(id, request == null ? null : request.resolution(),
                CurrentUser.loginOrAnonymous()));
    }

    @GetMapping("/export")
    @Operation(summary = "Export the filtered incidents as JSON (format=json) or CSV (format=csv)")
    public ResponseEntity<?> export(@RequestParam(defaultValue = "json") String format,
            @RequestParam(required = false) Incident.Status status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String rule,
            @RequestParam(required = false) String assignee, @RequestParam(defaultValue = "1000") int limit) {
        List<Incident> found = incidents.list(filter(status, severity, rule, assignee, limit));
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"incidents.csv\"")
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .body(IncidentCsv.write(found));
        }
        if (!"json".equalsIgnoreCase(format)) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "format must be json or csv"));
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"incidents.json\"")
                .contentType(MediaType.APPLICATION_JSON).body(found);
    }

    static IncidentStore.Filter filter(Incident.Status status, String severity, String rule,
            String assignee, int limit) {
        return new IncidentStore.Filter(status, blankToNull(severity), blankToNull(rule),
                blankToNull(assignee), Math.max(1, Math.min(limit, 5000)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ResponseEntity<?> answer(Supplier<Optional<Incident>> change) {
        try {
            return change.get().<ResponseEntity<?>>map(ResponseEntity::ok)
                    .orElseGet(() -> ResponseEntity.notFound().build());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, e.getMessage()));
        } catch (IllegalStateException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, e.getMessage()));
        }
    }
}
