package org.agencyworkspace.connector.elasticsearch;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total how many match in all (exact up to 10,000, then a lower bound)
 * @param hits this page's hits
 */
public record SearchPage<T>(long total, List<T> hits) {

    public SearchPage {
        hits = List.copyOf(hits);
    }
}
