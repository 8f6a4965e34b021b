package org.agencyworkspace.identity.syncope;

import java.util.List;
import org.agencyworkspace.connector.syncope.SyncopeUser;

/**
 * A source's changes as the poll route walks them: a page of users changed since the cursor,
 * then, once every user on it is imported or set aside, the cursor moved past them.
 */
interface ChangeFeed {

    /**
     * Users changed since the cursor, on one page of the query.
     *
     * @param number the page of the query (from 1)
     * @param users the users on it after the cursor, in change order
     * @param more whether the query has a page after this one
     */
    record ChangedPage(int number, List<SyncopeUser> users, boolean more) {
    }

    /** Page {@code number} of the users changed since the cursor. */
    ChangedPage changedPage(int number);

    /**
     * Moves the cursor past the page's users, every one of them imported or set aside by now.
     *
     * @return the page to read next, 0 when the walk is done
     */
    int advance(ChangedPage page);
}
