package org.agencyworkspace.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.agencyworkspace.attendance.calendar.WorkCalendar;

/**
 * The working-time rule: computes a day's statuses from its effective clock-in and clock-out
 * (corrections already applied) and approved leave. Arriving before the window counts from the
 * window's start; after its end is late. The day is due {@code requiredHours} of work plus the
 * lunch break after the counted start; leave periods count as time worked, which is how a
 * half-day leave in the morning moves the expected arrival.
 */
public final class DayRules {

    /** An approved leave period. */
    public record LeavePeriod(Instant from, Instant to) {
    }

    private final AttendanceProperties rule;
    private final ZoneId zone;

    public DayRules(AttendanceProperties rule, ZoneId zone) {
        this.rule = rule;
        this.zone = zone;
    }

    /**
     * @param now the current instant, so that today is {@link DayStatus#OPEN} until it is over
     * @param in effective clock-in, null when none
     * @param out effective clock-out, null when none
     */
    public Set<DayStatus> statuses(WorkCalendar calendar, LocalDate date, Instant now, Instant in,
            Instant out, List<LeavePeriod> leave) {
        LocalDate today = now.atZone(zone).toLocalDate();
        if (!calendar.isWorkingDay(date)) {
            return in == null ? EnumSet.of(DayStatus.DAY_OFF) : EnumSet.of(DayStatus.HOLIDAY_WORK);
        }
        Instant windowStart = at(date, rule.startWindowFrom());
        Instant windowEnd = at(date, rule.startWindowTo());
        Instant latestEnd = at(date, rule.startWindowTo()).plus(rule.requiredHours()).plus(rule.lunch());
        Duration leaveInDay = leave.stream()
                .map(period -> overlap(period.from(), period.to(), windowStart, latestEnd))
                .reduce(Duration.ZERO, Duration::plus);
        if (leaveInDay.compareTo(rule.requiredHours()) >= 0) {
            return EnumSet.of(DayStatus.ON_LEAVE);
        }
        if (in == null) {
            if (date.isAfter(today) || (date.equals(today) && !now.isAfter(windowEnd))) {
                return EnumSet.of(DayStatus.OPEN);
            }
            return EnumSet.of(DayStatus.ABSENT);
        }
        Set<DayStatus> statuses = EnumSet.noneOf(DayStatus.class);
        if (in.isAfter(latestArrival(date, windowEnd, leave))) {
            statuses.add(DayStatus.LATE);
        }
        if (out == null) {
            statuses.add(date.isBefore(today) ? DayStatus.MISSING_CLOCK_OUT : DayStatus.OPEN);
            return statuses;
        }
        Instant counted = in.isBefore(windowStart) ? windowStart : in;
        Duration worked = Duration.between(counted, out)
                .minus(overlap(counted, out, at(date, rule.lunchFrom()), at(date, rule.lunchTo())))
                .plus(leaveInDay);
        if (worked.compareTo(rule.requiredHours()) < 0) {
            statuses.add(DayStatus.EARLY_LEAVE);
        }
        if (statuses.isEmpty()) {
            statuses.add(DayStatus.NORMAL);
        }
        return statuses;
    }

    /** The end of the day's expected work for someone who came in at {@code in}. */
    public Instant expectedEnd(LocalDate date, Instant in) {
        Instant windowStart = at(date, rule.startWindowFrom());
        Instant counted = in.isBefore(windowStart) ? windowStart : in;
        Instant end = counted.plus(rule.requiredHours());
        Instant lunchFrom = at(date, rule.lunchFrom());
        return counted.isBefore(lunchFrom) && end.isAfter(lunchFrom) ? end.plus(rule.lunch()) : end;
    }

    /**
     * The end of the start window, or, when leave covers it (a morning off), the end of that
     * leave; leave ending at or in the lunch break moves it to the end of lunch.
     */
    private Instant latestArrival(LocalDate date, Instant windowEnd, List<LeavePeriod> leave) {
        Instant latest = windowEnd;
        for (LeavePeriod period : leave) {
            if (!period.from().isAfter(latest) && period.to().isAfter(latest)) {
                latest = period.to();
            }
        }
        Instant lunchFrom = at(date, rule.lunchFrom());
        Instant lunchTo = at(date, rule.lunchTo());
        return !latest.isBefore(lunchFrom) && latest.isBefore(lunchTo) ? lunchTo : latest;
    }

    private Instant at(LocalDate date, java.time.LocalTime time) {
        return ZonedDateTime.of(LocalDateTime.of(date, time), zone).toInstant();
    }

    private static Duration overlap(Instant from, Instant to, Instant otherFrom, Instant otherTo) {
        Instant start = from.isAfter(otherFrom) ? from : otherFrom;
        Instant end = to.isBefore(otherTo) ? to : otherTo;
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }
}
