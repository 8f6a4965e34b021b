package org.agencyworkspace.meetings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Hybrid meetings ({@code workspace.meetings.*}).
 *
 * @param mailDomain calendar addresses are {@code <login>@<mailDomain>}
 * @param rooms the bookable meeting rooms
 * @param caldav where invitations go; without a URL they wait in the queue until one is set
 * @param video which video service opens the meeting rooms
 * @param delivery how the invitation queue is worked
 * @param reminderBefore how long before the start attendees are reminded
 * @param reminderPollInterval how often the reminder route looks for meetings about to start
 * @param maxAttendees at most this many people (after groups are expanded) per meeting
 */
@Validated
@ConfigurationProperties(prefix = "workspace.meetings", ignoreUnknownFields = false)
public record MeetingsProperties(
        @NotBlank @DefaultValue("agency.example") String mailDomain,
        @NotNull @DefaultValue List<@Valid Room> rooms,
        @NotNull @Valid @DefaultValue CalDav caldav,
        @NotNull @Valid @DefaultValue Video video,
        @NotNull @Valid @DefaultValue Delivery delivery,
        @NotNull @DefaultValue("15m") Duration reminderBefore,
        @NotNull @DefaultValue("30s") Duration reminderPollInterval,
        @Min(1) @Max(1000) @DefaultValue("200") int maxAttendees) {

    /**
     * A meeting room.
     *
     * @param id short code, used in the API
     * @param name name shown to people and written as the invitation's LOCATION
     */
    public record Room(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}") String id, @NotBlank String name) {
    }

    /**
     * The CalDAV server (Nextcloud Calendar in production, Radicale in tests).
     *
     * @param url base URL; none means invitations are queued but not sent
     * @param username the account the workspace writes every attendee's calendar with
     * @param password its password (app password on Nextcloud); no default
     * @param calendarPath a person's calendar below the URL, {@code {user}} for the login
     */
    public record CalDav(URI url, String username, String password,
            @NotBlank @DefaultValue("{user}/calendar/") String calendarPath) {

        public boolean configured() {
            return url != null;
        }
    }

    /**
     * The video service.
     *
     * @param backend {@code none} (room only, the embedded default), {@code jitsi} or
     *     {@code bigbluebutton}
     * @param url Jitsi Meet's site, or BigBlueButton's API base ({@code .../bigbluebutton/api/})
     * @param appId Jitsi's {@code app_id} (the token issuer)
     * @param secret Jitsi's {@code app_secret} (32 bytes at least) or BigBlueButton's shared secret
     * @param checksum BigBlueButton's checksum algorithm, {@code sha1} or {@code sha256}
     * @param earlyJoin how long before the start a join link already works
     * @param grace how long after the end a join link still works
     * @param attendancePollInterval how often the people in running meetings are asked of the
     *     video service (BigBlueButton's {@code getMeetingInfo}; Jitsi reports none)
     * @param dialIn how room systems and phones reach the video service's gateway
     */
    public record Video(@NotNull @DefaultValue("none") Backend backend, URI url, String appId,
            String secret, @NotNull @DefaultValue("sha256") Checksum checksum,
            @NotNull @DefaultValue("15m") Duration earlyJoin,
            @NotNull @DefaultValue("30m") Duration grace,
            @NotNull @DefaultValue("1m") Duration attendancePollInterval,
            @NotNull @Valid @DefaultValue DialIn dialIn) {

        public enum Backend { NONE, JITSI, BIGBLUEBUTTON }

        public enum Checksum { SHA1, SHA256 }
    }

    /**
     * The video service's SIP and phone gateway (BigBlueButton's FreeSWITCH): a room system's codec
     * calls {@code sip:<PIN>@<sipDomain>}, a phone calls {@code number} and keys the PIN the service
     * published for the meeting. Shown only to invitees, never for classified meetings.
     *
     * @param sipDomain the gateway's SIP domain, e.g. {@code bbb.agency.example}; none for no SIP
     * @param number the phone number of the gateway; none for no phone dial-in
     */
    public record DialIn(@Pattern(regexp = "[A-Za-z0-9.-]{1,253}") String sipDomain,
            @Pattern(regexp = "\\+?[0-9 ()-]{3,32}") String number) {
    }

    /**
     * The invitation queue.
     *
     * @param pollInterval how often the delivery route looks for due invitations
     * @param retryDelay the first wait after a failed delivery; doubled on each further failure
     * @param maxRetryDelay the longest wait between attempts
     * @param maxAttempts after this many failed attempts an invitation is FAILED and audited
     */
    public record Delivery(@NotNull @DefaultValue("2s") Duration pollInterval,
            @NotNull @DefaultValue("10s") Duration retryDelay,
            @NotNull @DefaultValue("10m") Duration maxRetryDelay,
            @Min(1) @Max(1000) @DefaultValue("50") int maxAttempts) {
    }
}
