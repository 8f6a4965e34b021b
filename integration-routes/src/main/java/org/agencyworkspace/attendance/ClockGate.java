package org.agencyworkspace.attendance;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.agencyworkspace.attendance.AttendanceRefusedException.Reason;
import org.agencyworkspace.attendance.ClockRecord.WorkMode;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.stepup.StepUpDecision;
import org.agencyworkspace.security.stepup.StepUpGate;
import org.springframework.stereotype.Component;

/**
 * What must hold before a clock event is taken, and the context it records. Over HTTP (page
 * and API) the person's sign-in must be stepped up within the step-up window
 * ({@code workspace.security.step-up.max-age}), the same check as for signing. A chat message
 * carries no sign-in, so from chat the person's last multi-factor sign-in or step-up in the audit
 * trail must be within {@code workspace.attendance.chat-sign-in-window}.
 */
@Component
public class ClockGate {

    private final StepUpGate stepUp;
    private final AuditTrail audit;
    private final AttendanceProperties properties;
    private final NetworkZones zones;
    private final Clock clock;

    public ClockGate(StepUpGate stepUp, AuditTrail audit, AttendanceProperties properties,
            Clock clock) {
        this.stepUp = stepUp;
        this.audit = audit;
        this.properties = properties;
        this.zones = new NetworkZones(properties.officeNetworks(), properties.trustedProxies());
        this.clock = clock;
    }

    /** The request's step-up state. */
    public StepUpDecision stepUp(HttpServletRequest request) {
        return stepUp.status(request);
    }

    /** @throws AttendanceRefusedException when the sign-in is not stepped up recently enough */
    public void requireRecentMfa(HttpServletRequest request) {
        StepUpDecision decision = stepUp.status(request);
        if (!decision.satisfied()) {
            throw new AttendanceRefusedException(Reason.STEP_UP_REQUIRED,
                    "a clock event needs a recent multi-factor verification (" + decision.outcome() + ")");
        }
    }

    /** @throws AttendanceRefusedException when the last MFA sign-in is older than the chat window */
    public void requireRecentMfaForChat(String login) {
        Optional<Instant> last = Stream.of("login.success", "step-up.success")
                .flatMap(action -> audit.recent(new AuditQuery(login, action, null, 1)).stream()
                        .filter(event -> action.equals(event.action()) && login.equals(event.actor().id())))
                .filter(event -> event.outcome() == AuditEvent.Outcome.SUCCESS)
                .map(AuditEvent::timestamp)
                .max(Comparator.naturalOrder());
        if (last.isEmpty() || last.get().plus(properties.chatSignInWindow()).isBefore(clock.instant())) {
            throw new AttendanceRefusedException(Reason.STEP_UP_REQUIRED, "no multi-factor sign-in within "
                    + properties.chatSignInWindow() + "; sign in to the workspace, then try again");
        }
    }

    /**
     * The context of a clock event sent over HTTP. Coordinates, when the person consented to
     * send them, are only compared with the approved areas here and then dropped.
     */
    public AttendanceService.ClockContext httpContext(HttpServletRequest request, String channel,
            WorkMode mode, Double latitude, Double longitude, String fingerprint, String requestKey) {
        Boolean inside = null;
        if (latitude != null && longitude != null && !properties.approvedAreas().isEmpty()) {
            if (!Double.isFinite(latitude) || !Double.isFinite(longitude) || Math.abs(latitude) > 90
                    || Math.abs(longitude) > 180) {
                throw new AttendanceRefusedException(Reason.INVALID, "coordinates out of range");
            }
            inside = properties.approvedAreas().stream().anyMatch(area -> area.contains(latitude, longitude));
        }
        return new AttendanceService.ClockContext(channel, mode,
                zones.zone(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")), inside,
                fingerprint, requestKey, request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** Parses a work mode typed by a person or a client; refused (400) when unknown. */
    public static WorkMode workMode(String text) {
        if (text == null || text.isBlank()) {
            return WorkMode.OFFICE;
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "office", "辦公室" -> WorkMode.OFFICE;
            case "remote", "home", "遠端", "居家" -> WorkMode.REMOTE;
            case "business-trip", "trip", "出差" -> WorkMode.BUSINESS_TRIP;
            default -> throw new AttendanceRefusedException(Reason.INVALID,
                    "work mode must be office, remote or business-trip, not '" + text + "'");
        };
    }
}
