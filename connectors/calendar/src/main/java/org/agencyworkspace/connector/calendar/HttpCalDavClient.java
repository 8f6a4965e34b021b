package org.agencyworkspace.connector.calendar;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.TransientConnectorException;

/** {@link CalDavClient} over the JDK's HTTP client with basic authentication. */
final class HttpCalDavClient implements CalDavClient {

    private final URI base;
    private final String authorization;
    private final String calendarPath;
    private final Clock clock;
    private final HttpExchanger http;

    HttpCalDavClient(URI base, String username, String password, String calendarPath, Clock clock,
            Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.calendarPath = calendarPath;
        this.clock = clock;
        this.http = new HttpExchanger("caldav", connectTimeout, requestTimeout);
    }

    @Override
    public Delivery deliver(String owner, Invitation invitation) {
        Optional<Invitation> stored = read(owner, invitation.uid());
        if (stored.isPresent() && stored.get().sequence() >= invitation.sequence()) {
            return Delivery.ALREADY_CURRENT;
        }
        String text = ICalendarCodec.write(invitation, clock.instant());
        HttpRequest put = http.request(resource(owner, invitation.uid()))
                .header("Authorization", authorization)
                .header("Content-Type", "text/calendar; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .build();
        onceMoreIfNoAnswer(() -> http.call(put));
        return Delivery.WRITTEN;
    }

    @Override
    public Optional<Invitation> read(String owner, String uid) {
        return readText(owner, uid).map(ICalendarCodec::read);
    }

    @Override
    public Optional<String> readText(String owner, String uid) {
        HttpRequest get = http.request(resource(owner, uid))
                .header("Authorization", authorization)
                .header("Accept", "text/calendar")
                .GET().build();
        return onceMoreIfNoAnswer(() -> http.callIfFound(get)).map(HttpExchanger.Response::body);
    }

    /**
     * Runs an idempotent call (GET, or a PUT of the same text) a second time when the first got
     * no answer at all. Radicale speaks HTTP/1.0 and closes each connection; the JDK client now
     * and then reuses one it has closed and gets no bytes back (about one request in ten in a
     * sequential run here). A second failure is the caller's to retry later.
     */
    private static <T> T onceMoreIfNoAnswer(Supplier<T> call) {
        try {
            return call.get();
        } catch (TransientConnectorException e) {
            if (e.status() != 0) {
                throw e;
            }
            return call.get();
        }
    }

    private URI resource(String owner, String uid) {
        if (owner == null || !owner.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("calendar owner must be a login: " + owner);
        }
        String collection = calendarPath.replace("{user}", encode(owner));
        return base.resolve(collection + encode(uid) + ".ics");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
