package org.agencyworkspace.connector.calendar;

import java.util.Optional;

/**
 * Puts meeting invitations into people's calendars over CalDAV (RFC 4791): one calendar object
 * resource per meeting, named after its UID, in each attendee's calendar collection.
 * Build with {@link CalDavClientBuilder}.
 */
public interface CalDavClient {

    /** What {@link #deliver} did. */
    enum Delivery {
        /** The calendar had no such event, or an older SEQUENCE: it was PUT. */
        WRITTEN,
        /** The calendar already holds this SEQUENCE or a newer one: nothing was sent. */
        ALREADY_CURRENT
    }

    /**
     * Writes the invitation into {@code owner}'s calendar unless that calendar already holds the
     * same UID at the same or a higher SEQUENCE, so a repeated or late delivery never doubles an
     * event nor turns it back to an older version. GET, then PUT of {@code text/calendar}.
     *
     * @param owner the calendar's owner (a login), which the configured path pattern turns into
     *     the collection's URL
     * @throws org.agencyworkspace.connector.TransientConnectorException when the server cannot be
     *     reached or answers 5xx: deliver again later
     * @throws org.agencyworkspace.connector.PermanentConnectorException when the server refuses
     *     (no such calendar, no right to write it)
     */
    Delivery deliver(String owner, Invitation invitation);

    /**
     * The event with this UID in {@code owner}'s calendar, read back. GET.
     *
     * @return empty when the calendar holds no such event
     * @throws CalendarFormatException when the stored object is not a readable event
     */
    Optional<Invitation> read(String owner, String uid);

    /** The raw iCalendar text stored for this UID, as the server gives it back. GET. */
    Optional<String> readText(String owner, String uid);
}
