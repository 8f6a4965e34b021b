package org.agencyworkspace.connector.calendar;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One version of a meeting as it goes into attendees' calendars.
 *
 * @param uid the iCalendar UID, stable for the life of the meeting
 * @param sequence the revision (RFC 5545 3.8.7.4): 0 when scheduled, one more on every change
 * @param cancelled true once the meeting is called off (STATUS:CANCELLED, METHOD:CANCEL)
 * @param summary the title; never classified content
 * @param start when it starts, in the zone the event is written in (Asia/Taipei here)
 * @param duration how long it lasts
 * @param location the room, if any
 * @param description the body text (for a classified meeting only "open the workspace")
 * @param url where to join or open the meeting; may be null
 * @param organizer who called it
 * @param attendees who is invited
 */
public record Invitation(String uid, int sequence, boolean cancelled, String summary,
        ZonedDateTime start, Duration duration, String location, String description, URI url,
        Person organizer, List<Person> attendees) {

    public Invitation {
        if (uid == null || uid.isBlank() || !uid.matches("[A-Za-z0-9@._-]{1,200}")) {
            throw new IllegalArgumentException("uid must be 1 to 200 letters, digits or @._-");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        Objects.requireNonNull(organizer, "organizer");
        attendees = List.copyOf(attendees);
    }

    /** The end, start plus duration. */
    public ZonedDateTime end() {
        return start.plus(duration);
    }

    /**
     * A person in the invitation.
     *
     * @param name display name (CN)
     * @param email calendar user address, written as a {@code mailto:} URI
     */
    public record Person(String name, String email) {
        public Person {
            Objects.requireNonNull(name, "name");
            if (email == null || !email.matches("[^@\\s:]+@[^@\\s:]+")) {
                throw new IllegalArgumentException("email must be local@domain: " + email);
            }
        }
    }
}
