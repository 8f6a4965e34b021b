package org.agencyworkspace.attendance;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A clock event as recorded; never edited afterwards.
 *
 * @param id its id
 * @param login whose
 * @param workDate the working date (agency time zone)
 * @param kind in or out
 * @param at when, by the server's clock
 * @param channel web, chat or api
 * @param workMode office, remote or business trip
 * @param networkZone office or outside
 * @param insideArea with consent, whether the browser was inside an approved area; else null
 */
public record ClockRecord(String id, String login, LocalDate workDate, ClockKind kind, Instant at,
        String channel, WorkMode workMode, String networkZone, Boolean insideArea) {

    /** Clock-in or clock-out. */
    public enum ClockKind { IN, OUT }

    /** Where the person works that day. */
    public enum WorkMode { OFFICE, REMOTE, BUSINESS_TRIP }
}
