package org.agencyworkspace.connector.elasticsearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The kinds of documents the workspace keeps in Elasticsearch. Each family is a set of monthly
 * indices named after the month of the document's own {@code @timestamp},
 * {@code <prefix>-<family>-yyyy.MM.01}: a document re-sent at any later time goes to the same
 * index, so {@code create} with its id takes effect exactly once (a data stream would write a
 * retry into whatever backing index is current after a rollover, duplicating it). Retention
 * deletes whole months ({@link ElasticsearchConnector#deleteExpired}), which needs neither ILM
 * nor delete-by-query (neither is in every distribution).
 */
public enum IndexFamily {
    AUDIT("audit"),
    LOGS("logs");

    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy.MM.01").withZone(ZoneOffset.UTC);

    private final String suffix;

    IndexFamily(String suffix) {
        this.suffix = suffix;
    }

    /** Name of the template and policy, e.g. {@code workspace-audit}. */
    public String baseName(String prefix) {
        return prefix + "-" + suffix;
    }

    /** The pattern matching every index of the family, for search and count. */
    public String pattern(String prefix) {
        return baseName(prefix) + "-*";
    }

    /** The index a document with this timestamp belongs to. */
    public String indexFor(String prefix, Instant timestamp) {
        return baseName(prefix) + "-" + MONTH.format(timestamp);
    }

    /** The first instant after the month an index of this family holds, if it is one. */
    Optional<Instant> endOfMonth(String prefix, String index) {
        String start = baseName(prefix) + "-";
        if (!index.startsWith(start)) {
            return Optional.empty();
        }
        try {
            LocalDate month = LocalDate.parse(index.substring(start.length()),
                    DateTimeFormatter.ofPattern("yyyy.MM.dd"));
            return Optional.of(month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    String templateResource() {
        return suffix + "-template.json";
    }
}
