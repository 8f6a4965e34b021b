package org.agencyworkspace.attendance;

import java.time.Instant;
import java.time.LocalDate;
import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/**
 * Remote attendance's domain events. Payloads carry the network zone and the consented
 * inside-area flag, never an address, coordinates or the device hash.
 */
public final class AttendanceEvents {

    private AttendanceEvents() {
    }

    @EventType(name = "attendance.clocked-in", summary = "A person clocked in (once a day; a"
            + " repeated tap publishes nothing).")
    public record ClockedIn(
            @EventField("login of who clocked in") String login,
            @EventField("working date in the agency's time zone") LocalDate workDate,
            @EventField("when, by the server's clock") Instant at,
            @EventField("web, chat or api") String channel,
            @EventField("OFFICE, REMOTE or BUSINESS_TRIP") String workMode,
            @EventField("office or outside (configured office networks)") String networkZone,
            @EventField(value = "whether the browser was inside an approved area, with consent",
                    optional = true) Boolean insideArea)
            implements DomainEvent {
    }

    @EventType(name = "attendance.clocked-out", summary = "A person clocked out.")
    public record ClockedOut(
            @EventField("login of who clocked out") String login,
            @EventField("working date in the agency's time zone") LocalDate workDate,
            @EventField("when, by the server's clock") Instant at,
            @EventField("web, chat or api") String channel,
            @EventField("OFFICE, REMOTE or BUSINESS_TRIP") String workMode,
            @EventField("office or outside") String networkZone,
            @EventField(value = "whether the browser was inside an approved area, with consent",
                    optional = true) Boolean insideArea)
            implements DomainEvent {
    }

    @EventType(name = "attendance.requested", summary = "A person asked for a correction (補登),"
            + " overtime (加班) or leave (請假); the supervisor decides through the approvals"
            + " registry.")
    public record Requested(
            @EventField("attendance request id") String id,
            @EventField("CORRECTION, OVERTIME or LEAVE") String kind,
            @EventField("login of who asked") String login,
            @EventField("first working date it concerns") LocalDate workDate,
            @EventField("id of the approval in the approvals registry") String approvalId,
            @EventField(value = "leave type key (LEAVE only)", optional = true) String leaveType)
            implements DomainEvent {
    }

    @EventType(name = "attendance.request-decided", summary = "A correction, overtime or leave"
            + " request was approved or rejected; an approved correction marks the day corrected.")
    public record RequestDecided(
            @EventField("attendance request id") String id,
            @EventField("CORRECTION, OVERTIME or LEAVE") String kind,
            @EventField("login of who asked") String login,
            @EventField("first working date it concerns") LocalDate workDate,
            @EventField("APPROVED or REJECTED") String outcome,
            @EventField("login of who decided") String decidedBy)
            implements DomainEvent {
    }

    @EventType(name = "attendance.month-exported", summary = "Personnel exported a month; once the"
            + " month is over the export locks it against corrections, overtime and leave.")
    public record MonthExported(
            @EventField("the month, yyyy-MM") String month,
            @EventField("csv or xlsx") String format,
            @EventField("number of person-days in the file") int rows,
            @EventField("whether the month is locked from now on") boolean locked,
            @EventField("login of who exported") String exportedBy)
            implements DomainEvent {
    }
}
