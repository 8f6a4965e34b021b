package org.agencyworkspace.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One person's day as computed: what was recorded, what approved corrections supply, and the
 * resulting statuses.
 *
 * @param login whose
 * @param date the date
 * @param clockIn the recorded clock-in, null when none
 * @param clockOut the recorded clock-out, null when none
 * @param effectiveIn the clock-in the rule uses (an approved correction wins)
 * @param effectiveOut the clock-out the rule uses
 * @param corrected whether an approved correction supplied either
 * @param statuses what the rule makes of the day
 * @param holiday the calendar's name for the date (holiday or make-up workday), or null
 * @param leaveTypes types of approved leave touching the day
 * @param overtime approved overtime on the day
 */
public record DayRecord(String login, LocalDate date, ClockRecord clockIn, ClockRecord clockOut,
        Instant effectiveIn, Instant effectiveOut, boolean corrected, Set<DayStatus> statuses,
        String holiday, List<String> leaveTypes, Duration overtime) {
}
