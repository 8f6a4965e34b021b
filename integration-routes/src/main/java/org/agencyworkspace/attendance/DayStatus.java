package org.agencyworkspace.attendance;

/** What a day's record says; a day may carry more than one (late and left early). */
public enum DayStatus {
    NORMAL,
    LATE,
    EARLY_LEAVE,
    MISSING_CLOCK_OUT,
    ABSENT,
    ON_LEAVE,
    HOLIDAY_WORK,
    /** A working day not over yet, or one still to come. */
    OPEN,
    /** A weekend or holiday without work. */
    DAY_OFF
}
