package org.agencyworkspace.connector.syncope;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a Syncope {@code PagedResult}.
 *
 * @param <T> {@link SyncopeUser} or {@link SyncopeGroup}
 * @param items the entities on this page
 * @param page this page's number, from 1
 * @param size the page size asked for (Syncope's own {@code size} field counts the items on the
 *     page instead)
 * @param totalCount how many entities match across all pages
 * @param next the query for the following page; empty on the last page
 */
public record SyncopePage<T>(List<T> items, int page, int size, long totalCount,
        Optional<SearchQuery> next) {

    public SyncopePage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
