package org.agencyworkspace.connector.calendar;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.agencyworkspace.connector.ConnectorBuilder;

/**
 * Builds a {@link CalDavClient}. Required: the server's base URL, the account and password the
 * workspace writes with, and the path pattern of a person's calendar below the base URL
 * ({@code {user}} stands for the login): {@code {user}/calendar/} on Radicale as
 * {@code deploy/local} sets it up, {@code remote.php/dav/calendars/{user}/personal/} on
 * Nextcloud.
 */
public final class CalDavClientBuilder extends ConnectorBuilder<CalDavClientBuilder> {

    private URI baseUrl;
    private String username;
    private String password;
    private String calendarPath;
    private Clock clock = Clock.systemUTC();

    public CalDavClientBuilder() {
        super(Duration.ofSeconds(10));
    }

    public CalDavClientBuilder baseUrl(URI baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    public CalDavClientBuilder credentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public CalDavClientBuilder calendarPath(String calendarPath) {
        this.calendarPath = calendarPath;
        return this;
    }

    /** The clock DTSTAMP is taken from; the system's UTC clock unless set. */
    public CalDavClientBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** @throws IllegalStateException naming the first missing or malformed setting */
    public CalDavClient build() {
        requireHttpUrl(baseUrl, "baseUrl");
        requireText(username, "username");
        requireText(password, "password");
        requireText(calendarPath, "calendarPath");
        if (!calendarPath.contains("{user}") || calendarPath.startsWith("/")
                || !calendarPath.endsWith("/")) {
            throw new IllegalStateException("calendarPath must be relative, hold {user} and end"
                    + " with /: " + calendarPath);
        }
        checkTimeouts();
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        return new HttpCalDavClient(URI.create(base), username, password, calendarPath, clock,
                connectTimeout(), requestTimeout());
    }
}
