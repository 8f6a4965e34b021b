package org.agencyworkspace.connector.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes an {@link Invitation} as an iCalendar object (RFC 5545) with ical4j, and reads one back.
 * The event is written in its own zone with that zone's VTIMEZONE, so clients that do not know
 * the zone by name still place it right. A new or changed meeting is {@code METHOD:REQUEST}
 * (RFC 5546 3.2.2), a cancelled one {@code METHOD:CANCEL} with {@code STATUS:CANCELLED} (3.2.5).
 */
public final class ICalendarCodec {

    static final String PRODUCT_ID = "-//Agency Workspace//Meetings//EN";
    private static final TimeZoneRegistry ZONES =
            TimeZoneRegistryFactory.getInstance().createRegistry();

    private ICalendarCodec() {
    }

    /** The invitation as iCalendar text (CRLF line ends, folded as the RFC requires). */
    public static String write(Invitation invitation, Instant stamp) {
        String zone = invitation.start().getZone().getId();
        net.fortuna.ical4j.model.TimeZone timeZone = ZONES.getTimeZone(zone);
        if (timeZone == null) {
            throw new IllegalArgumentException("no VTIMEZONE known for " + zone);
        }
        VEvent event = new VEvent(invitation.start(), invitation.duration(), invitation.summary());
        event.add(new Uid(invitation.uid()));
        // The constructor stamps the event with the current time; the caller's clock decides.
        event.replace(new DtStamp(stamp));
        event.add(new Sequence(invitation.sequence()));
        event.add(new Status(invitation.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        event.add(organizer(invitation.organizer()));
        for (Invitation.Person person : invitation.attendees()) {
            event.add(attendee(person));
        }
        if (invitation.location() != null && !invitation.location().isBlank()) {
            event.add(new Location(invitation.location()));
        }
        if (invitation.description() != null && !invitation.description().isBlank()) {
            event.add(new Description(invitation.description()));
        }
        if (invitation.url() != null) {
            event.add(new Url(invitation.url()));
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method(invitation.cancelled() ? Method.VALUE_CANCEL : Method.VALUE_REQUEST));
        calendar.add(timeZone.getVTimeZone());
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string failed", e);
        }
        return out.toString();
    }

    /**
     * Reads the one VEVENT of an iCalendar object written by {@link #write} or by a calendar
     * server that stored it.
     *
     * @throws CalendarFormatException when the text is not iCalendar, holds no VEVENT, or a
     *     required property (UID, DTSTART, DTEND or DURATION, ORGANIZER) is missing or malformed
     */
    public static Invitation read(String text) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (IOException | ParserException | RuntimeException e) {
            throw new CalendarFormatException("not an iCalendar object: " + e.getMessage(), e);
        }
        try {
            List<VEvent> events = calendar.getComponents("VEVENT");
            if (events.size() != 1) {
                throw new CalendarFormatException("expected one VEVENT, found " + events.size(), null);
            }
            VEvent event = events.get(0);
            DtStart<Temporal> dtStart = event.<Temporal>getStartDate()
                    .orElseThrow(() -> missing("DTSTART"));
            ZonedDateTime start = inNamedZone(zoned(dtStart.getDate()), dtStart);
            Duration duration = event.getEndDate(true)
                    .map(end -> Duration.between(start, zoned(end.getDate())))
                    .orElseThrow(() -> missing("DTEND or DURATION"));
            List<Invitation.Person> attendees = new ArrayList<>();
            for (Property attendee : event.getProperties(Property.ATTENDEE)) {
                attendees.add(person(attendee));
            }
            String status = text(event, Property.STATUS).orElse("CONFIRMED");
            String sequence = text(event, Property.SEQUENCE).orElse("0");
            return new Invitation(text(event, Property.UID).orElseThrow(() -> missing("UID")),
                    Integer.parseInt(sequence.strip()), "CANCELLED".equals(status),
                    text(event, Property.SUMMARY).orElse(""), start, duration,
                    text(event, Property.LOCATION).orElse(null),
                    text(event, Property.DESCRIPTION).orElse(null),
                    text(event, Property.URL).map(URI::create).orElse(null),
                    person(event.getProperty(Property.ORGANIZER).orElseThrow(() -> missing("ORGANIZER"))),
                    attendees);
        } catch (CalendarFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CalendarFormatException("malformed VEVENT: " + e.getMessage(), e);
        }
    }

    /** The METHOD of an iCalendar object, if it has one. */
    public static Optional<String> method(String text) {
        try {
            Calendar calendar = new CalendarBuilder().build(new StringReader(text));
            return calendar.getProperty(Property.METHOD).map(Property::getValue);
        } catch (IOException | ParserException | RuntimeException e) {
            throw new CalendarFormatException("not an iCalendar object: " + e.getMessage(), e);
        }
    }

    private static Organizer organizer(Invitation.Person person) {
        Organizer organizer = new Organizer(mailto(person.email()));
        organizer.add(new Cn(person.name()));
        return organizer;
    }

    private static Attendee attendee(Invitation.Person person) {
        Attendee attendee = new Attendee(mailto(person.email()));
        attendee.add(new Cn(person.name()));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(PartStat.NEEDS_ACTION);
        attendee.add(Rsvp.TRUE);
        return attendee;
    }

    private static URI mailto(String email) {
        try {
            return new URI("mailto", email, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an address: " + email, e);
        }
    }

    private static Invitation.Person person(Property property) {
        String address = property.getValue();
        if (address == null || !address.regionMatches(true, 0, "mailto:", 0, 7)) {
            throw new CalendarFormatException("not a mailto address in " + property.getName(), null);
        }
        String name = property.getParameter("CN").map(p -> p.getValue()).orElse("");
        return new Invitation.Person(name, address.substring(7));
    }

    private static ZonedDateTime zoned(Temporal temporal) {
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned;
        }
        if (temporal instanceof java.time.OffsetDateTime offset) {
            return offset.toZonedDateTime();
        }
        if (temporal instanceof Instant instant) {
            return instant.atZone(ZoneId.of("UTC"));
        }
        throw new CalendarFormatException("a meeting needs a date and time with a zone, not "
                + temporal.getClass().getSimpleName(), null);
    }

    /**
     * ical4j gives a time with a TZID back in a zone it registered from the VTIMEZONE under a
     * generated id; the same instant in the named zone, when Java knows the name, compares equal
     * to what was written.
     */
    private static ZonedDateTime inNamedZone(ZonedDateTime time, Property property) {
        Optional<String> tzid = property.getParameter("TZID").map(p -> p.getValue());
        if (tzid.isPresent() && ZoneId.getAvailableZoneIds().contains(tzid.get())) {
            return time.withZoneSameInstant(ZoneId.of(tzid.get()));
        }
        return time;
    }

    private static Optional<String> text(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue);
    }

    private static CalendarFormatException missing(String what) {
        return new CalendarFormatException("VEVENT without " + what, null);
    }
}
