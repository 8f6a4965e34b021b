package org.agencyworkspace.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.agencyworkspace.connector.elasticsearch.AuditHit;
import org.agencyworkspace.connector.elasticsearch.AuditSearch;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.SearchPage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Audit search for the API and the audit page: from Elasticsearch when it is configured (every
 * filter, time range, paging); otherwise from the database (user, action and exact file only,
 * newest first).
 */
@Service
public class AuditSearchService {

    /**
     * What a search found.
     *
     * @param source {@code elasticsearch} or {@code database}
     * @param total matching events (Elasticsearch: exact up to 10,000)
     * @param events this page, newest first
     */
    public record Answer(String source, long total, List<AuditHit> events) {
    }

    /**
     * The filters, as people type them; blanks match everything.
     *
     * @param file a path; a trailing {@code *} matches a folder (Elasticsearch only)
     */
    public record Filters(String user, String file, String label, String action, Instant from,
            Instant to, int page, int size) {
    }

    private final Optional<ElasticsearchConnector> elastic;
    private final AuditTrail trail;

    public AuditSearchService(ObjectProvider<ElasticsearchConnector> elasticsearch,
            AuditTrail trail) {
        this.elastic = Optional.ofNullable(elasticsearch.getIfAvailable());
        this.trail = trail;
    }

    /** Whether every filter works (Elasticsearch is configured). */
    public boolean fullSearch() {
        return elastic.isPresent();
    }

    /**
     * @throws IllegalArgumentException for filters that are invalid, or that the database
     *     cannot answer
     */
    public Answer search(Filters filters) {
        AuditSearch search = new AuditSearch(blank(filters.user()), blank(filters.file()),
                blank(filters.label()), blank(filters.action()), filters.from(), filters.to(),
                filters.page(), filters.size());
        if (elastic.isPresent()) {
            SearchPage<AuditHit> found = elastic.get().searchAudit(search);
            return new Answer("elasticsearch", found.total(), found.hits());
        }
        if (search.classification() != null || search.from() != null || search.to() != null
                || filters.page() > 0 || (search.filePath() != null && search.filePath().endsWith("*"))) {
            throw new IllegalArgumentException(
                    "without Elasticsearch only user, action and an exact file can be searched");
        }
        List<AuditHit> hits = trail.recent(new AuditQuery(search.userId(), search.action(),
                search.filePath(), filters.size())).stream().map(AuditSearchService::hit).toList();
        return new Answer("database", hits.size(), hits);
    }

    private static AuditHit hit(AuditEvent event) {
        return new AuditHit(event.id(), event.timestamp(), event.action(), event.category(),
                event.outcome().name().toLowerCase(Locale.ROOT), event.actor().id(),
                event.actor().name(), event.target() == null ? null : event.target().id(),
                event.target() == null ? null : event.target().classification(),
                event.source() == null ? null : event.source().ip(), event.reason());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
