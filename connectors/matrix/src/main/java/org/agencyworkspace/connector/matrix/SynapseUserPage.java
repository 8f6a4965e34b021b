package org.agencyworkspace.connector.matrix;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of accounts, ordered by user id.
 *
 * @param users the accounts on this page
 * @param total how many accounts match the query across all pages
 * @param next the query for the following page, empty on the last page
 */
public record SynapseUserPage(List<SynapseUserSummary> users, long total,
        Optional<SynapseUserQuery> next) {

    public SynapseUserPage {
        users = List.copyOf(users);
        Objects.requireNonNull(next, "next");
    }
}
