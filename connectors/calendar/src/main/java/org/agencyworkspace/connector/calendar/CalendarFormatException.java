package org.agencyworkspace.connector.calendar;

/** An iCalendar text could not be read as one meeting invitation. */
public class CalendarFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CalendarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
