package org.agencyworkspace.attendance.calendar;

/** A calendar file that cannot be used; the message names the file and the line. */
public class CalendarFileException extends RuntimeException {

    private final int line;

    public CalendarFileException(String source, int line, String problem) {
        super("attendance calendar " + source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.line = line;
    }

    /** The 1-based line at fault; 0 when the file as a whole is. */
    public int line() {
        return line;
    }
}
