package org.agencyworkspace.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.elasticsearch.AuditHit;
import org.agencyworkspace.connector.elasticsearch.AuditSearch;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.SearchPage;
import org.agencyworkspace.health.MonitoredConnector;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audit search for administrators: from Elasticsearch when it is configured (every filter, time
 * range, paging); otherwise from the database (user, action and exact file only, newest first).
 */
@RestController
@RequestMapping("/api/admin/audit")
@Tag(name = "Audit")
public class AuditSearchApi {

    /**
     * @param source {@code elasticsearch} or {@code database}
     * @param total matching events (Elasticsearch: exact up to 10,000)
     * @param events this page, newest first
     */
    public record Answer(String source, long total, List<AuditHit> events) {
    }

    private final Optional<ElasticsearchConnector> elastic;
    private final AuditTrail trail;

    public AuditSearchApi(@Qualifier("elasticsearchConnector") MonitoredConnector connector,
            AuditTrail trail) {
        this.elastic = connector.probe().filter(ElasticsearchConnector.class::isInstance)
                .map(ElasticsearchConnector.class::cast);
        this.trail = trail;
    }

    @GetMapping("/search")
    @Operation(summary = "Audit events by user, file (a trailing * matches a folder), label, action and time")
    public ResponseEntity<?> search(@RequestParam(required = false) String user,
            @RequestParam(required = false) String file, @RequestParam(required = false) String label,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        AuditSearch search;
        try {
            search = new AuditSearch(blank(user), blank(file), blank(label), blank(action), from, to, page, size);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, e.getMessage()));
        }
        if (elastic.isPresent()) {
            SearchPage<AuditHit> found = elastic.get().searchAudit(search);
            return ResponseEntity.ok(new Answer("elasticsearch", found.total(), found.hits()));
        }
        if (search.classification() != null || from != null || to != null || page > 0
                || (search.filePath() != null && search.filePath().endsWith("*"))) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "without Elasticsearch only user, action and an exact file can be searched"));
        }
        List<AuditHit> hits = trail.recent(new AuditQuery(search.userId(), search.action(),
                search.filePath(), size)).stream().map(AuditSearchApi::hit).toList();
        return ResponseEntity.ok(new Answer("database", hits.size(), hits));
    }

    private static AuditHit hit(AuditEvent event) {
        return new AuditHit(event.id(), event.timestamp(), event.action(), event.category(),
                event.outcome().name().toLowerCase(java.util.Locale.ROOT), event.actor().id(),
                event.actor().name(), event.target() == null ? null : event.target().id(),
                event.target() == null ? null : event.target().classification(),
                event.source() == null ? null : event.source().ip(), event.reason());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
