package org.agencyworkspace.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/** The client against the real Radicale that {@code deploy/local/stack up radicale} runs. */
class CalDavClientIT {

    private final CalDavClient client = new CalDavClientBuilder()
            .baseUrl(URI.create(StackEnvironment.require("WORKSPACE_CALDAV_URL")))
            .credentials(StackEnvironment.require("WORKSPACE_CALDAV_USER"),
                    StackEnvironment.require("WORKSPACE_CALDAV_PASSWORD"))
            .calendarPath("{user}/calendar/").build();

    private static Invitation fresh(String uid, int sequence, boolean cancelled) {
        Invitation base = ICalendarCodecTest.invitation(sequence, cancelled);
        return new Invitation(uid, sequence, cancelled, base.summary(), base.start(),
                base.duration(), base.location(), base.description(), base.url(), base.organizer(),
                base.attendees());
    }

    @Test
    void anInvitationIsStoredUpdatedAndCancelledInTheAttendeesCalendarNeverGoingBack() {
        String uid = "it-" + UUID.randomUUID() + "@agency.example";

        assertThat(client.deliver("bob", fresh(uid, 0, false))).isEqualTo(CalDavClient.Delivery.WRITTEN);
        assertThat(client.deliver("bob", fresh(uid, 0, false))).isEqualTo(CalDavClient.Delivery.ALREADY_CURRENT);
        assertThat(client.read("bob", uid)).hasValueSatisfying(stored -> {
            assertThat(stored.sequence()).isZero();
            assertThat(stored.start()).isEqualTo(fresh(uid, 0, false).start());
            assertThat(stored.attendees()).hasSize(2);
        });
        assertThat(client.readText("bob", uid).orElseThrow()).contains("TZID=Asia/Taipei", "BEGIN:VTIMEZONE");

        assertThat(client.deliver("bob", fresh(uid, 2, true))).isEqualTo(CalDavClient.Delivery.WRITTEN);
        // A late delivery of an older version does not undo the cancellation.
        assertThat(client.deliver("bob", fresh(uid, 1, false))).isEqualTo(CalDavClient.Delivery.ALREADY_CURRENT);
        assertThat(client.read("bob", uid).orElseThrow().cancelled()).isTrue();
        assertThat(client.read("carol", uid)).isEmpty();
    }

    @Test
    void manyDeliveriesInARowAllArriveDespiteRadicaleClosingEveryConnection() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 120; i++) {
            assertThat(client.deliver("carol", fresh("row-" + run + "-" + i, 0, false)))
                    .isEqualTo(CalDavClient.Delivery.WRITTEN);
        }
    }

    @Test
    void aCalendarThatDoesNotExistFailsAndAnUnreachableServerIsTransient() {
        // Radicale (HTTP/1.0) answers a PUT into a missing collection and closes the connection
        // before reading the body, which the JDK client sees as an I/O error: a failure, but not
        // one that says "permanent". The invitation queue's attempt limit ends such a delivery.
        assertThatThrownBy(() -> client.deliver("nobody-here", fresh("x-" + UUID.randomUUID(), 0, false)))
                .isInstanceOf(ConnectorException.class);
        CalDavClient down = new CalDavClientBuilder().baseUrl(URI.create("http://127.0.0.1:9/"))
                .credentials("workspace", "x").calendarPath("{user}/calendar/")
                .connectTimeout(Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> down.deliver("bob", fresh("y-" + UUID.randomUUID(), 0, false)))
                .isInstanceOf(TransientConnectorException.class);
    }
}
