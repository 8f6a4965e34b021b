package org.agencyworkspace.connector.syncope;

/**
 * One page of {@code GET /users} or {@code GET /groups}: the query parameters {@code fiql},
 * {@code realm}, {@code recursive}, {@code details}, {@code page}, {@code size} and
 * {@code orderby}. Start from {@link #all()} or {@link #where(Fiql)}; the next page comes from
 * {@link SyncopePage#next()}.
 *
 * <p>Syncope pages by offset. Without an order the database decides it, which can differ from
 * one page to the next, so a query without {@code orderBy} is sent ordered by a unique field:
 * {@code username ASC} for users, {@code name ASC} for groups.
 *
 * @param filter the FIQL condition; null for every entity in the realm
 * @param realm full realm path to search in, e.g. {@code /} or {@code /agency/hr}
 * @param recursive whether child realms are searched too
 * @param details whether memberships, roles and resources are returned (slower)
 * @param page page number, from 1
 * @param size at most this many entities per page, 1 to {@value #MAX_SIZE}
 * @param orderBy Syncope's {@code orderby} value, e.g. {@code lastChangeDate ASC, username ASC};
 *     null for the unique default above. End it with a unique field so ties keep their order
 */
public record SearchQuery(Fiql filter, String realm, boolean recursive, boolean details, int page,
        int size, String orderBy) {

    /** Page size used unless set. */
    public static final int DEFAULT_SIZE = 100;
    /** Largest page size this client asks for. */
    public static final int MAX_SIZE = 1000;

    public SearchQuery {
        if (realm == null || !realm.startsWith("/")) {
            throw new IllegalArgumentException(
                    "realm must be a full realm path such as /: " + realm);
        }
        if (page < 1) {
            throw new IllegalArgumentException("page starts at 1: " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE + ": " + size);
        }
        if (orderBy != null && orderBy.isBlank()) {
            throw new IllegalArgumentException("orderBy must not be blank; use null for none");
        }
    }

    /** Everything in every realm, with details, {@value #DEFAULT_SIZE} at a time. */
    public static SearchQuery all() {
        return new SearchQuery(null, "/", true, true, 1, DEFAULT_SIZE, null);
    }

    /** What matches {@code filter} in every realm, otherwise like {@link #all()}. */
    public static SearchQuery where(Fiql filter) {
        return all().withFilter(filter);
    }

    public SearchQuery withFilter(Fiql newFilter) {
        return new SearchQuery(newFilter, realm, recursive, details, page, size, orderBy);
    }

    /** Only {@code realmPath}, and its children when {@code includeChildren}. */
    public SearchQuery inRealm(String realmPath, boolean includeChildren) {
        return new SearchQuery(filter, realmPath, includeChildren, details, page, size, orderBy);
    }

    public SearchQuery withDetails(boolean withDetails) {
        return new SearchQuery(filter, realm, recursive, withDetails, page, size, orderBy);
    }

    public SearchQuery withPage(int number) {
        return new SearchQuery(filter, realm, recursive, details, number, size, orderBy);
    }

    public SearchQuery withSize(int pageSize) {
        return new SearchQuery(filter, realm, recursive, details, page, pageSize, orderBy);
    }

    /** Orders by {@code clauses}, e.g. {@code lastChangeDate ASC, username ASC}. */
    public SearchQuery orderedBy(String clauses) {
        return new SearchQuery(filter, realm, recursive, details, page, size, clauses);
    }
}
