package org.agencyworkspace.attendance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Remote attendance ({@code workspace.attendance.*}): the working-time rule, where the calendar
 * file is, office networks, who approves and who sees everyone. Defaults follow the common
 * flexible-hours rule of Taiwan's central agencies (8 hours a day, start 08:00–09:30, lunch
 * 12:00–13:00); per-agency rules differ, so each is configuration.
 *
 * @param startWindowFrom earliest counted start: arriving earlier counts from here
 * @param startWindowTo latest start that is not late (彈性上班 window end)
 * @param requiredHours hours to work a day, lunch not included
 * @param lunchFrom start of the lunch break, not counted as work
 * @param lunchTo end of the lunch break
 * @param calendarFile the holiday and make-up-workday file the operator maintains (operator
 *     guide, "Attendance calendar"); empty uses the shipped example
 * @param officeNetworks CIDR blocks of the office networks; any other address is "outside"
 * @param trustedProxies addresses (CIDR) of reverse proxies whose X-Forwarded-For is believed
 * @param approverRole role whose holders decide corrections, overtime and leave (supervisors)
 * @param managerRole role that sees the records of the manager's own departments
 * @param personnelRole role of personnel officers (人事), who see everyone and export months
 * @param leaveTypes leave types people may ask for (公務人員請假規則 names them; quotas are not
 *     checked here)
 * @param chatSignInWindow how recent a multi-factor sign-in or step-up must be for a clock
 *     event sent from chat, which carries no sign-in of its own
 * @param doubleTapWindow a second tap of the same kind within this time, without the first's
 *     key, is the same clock event (answered as such), not a refused second one
 * @param reminders the reminders of a missing clock-in or clock-out
 * @param approvedAreas areas (e.g. office buildings, a trip's venue) that a person may, with
 *     consent, show they are inside of; none configured hides the choice
 */
@Validated
@ConfigurationProperties(prefix = "workspace.attendance", ignoreUnknownFields = false)
public record AttendanceProperties(
        @NotNull @DefaultValue("08:00") LocalTime startWindowFrom,
        @NotNull @DefaultValue("09:30") LocalTime startWindowTo,
        @NotNull @DefaultValue("8h") Duration requiredHours,
        @NotNull @DefaultValue("12:00") LocalTime lunchFrom,
        @NotNull @DefaultValue("13:00") LocalTime lunchTo,
        @DefaultValue("") String calendarFile,
        @NotNull @DefaultValue({}) List<@Pattern(regexp = "[0-9a-fA-F:.]+/\\d{1,3}",
                message = "must be an address block such as 10.0.0.0/8") String> officeNetworks,
        @NotNull @DefaultValue({}) List<@Pattern(regexp = "[0-9a-fA-F:.]+/\\d{1,3}",
                message = "must be an address block such as 127.0.0.1/32") String> trustedProxies,
        @NotBlank @DefaultValue("manager") String approverRole,
        @NotBlank @DefaultValue("manager") String managerRole,
        @NotBlank @DefaultValue("personnel") String personnelRole,
        @NotEmpty @DefaultValue({"annual", "sick", "personal", "official"})
        List<@Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String> leaveTypes,
        @NotNull @DefaultValue("12h") Duration chatSignInWindow,
        @NotNull @DefaultValue("2m") Duration doubleTapWindow,
        @Valid @NotNull @DefaultValue Reminders reminders,
        @NotNull @DefaultValue({}) List<@Valid AreaCircle> approvedAreas) {

    @AssertTrue(message = "start-window-from must be before start-window-to, and lunch-from "
            + "before lunch-to")
    public boolean isOrdered() {
        return startWindowFrom == null || startWindowTo == null || lunchFrom == null
                || lunchTo == null
                || (startWindowFrom.isBefore(startWindowTo) && lunchFrom.isBefore(lunchTo));
    }

    @AssertTrue(message = "required-hours must be between 1 and 12 hours")
    public boolean isRequiredHoursSensible() {
        return requiredHours == null
                || (requiredHours.toMinutes() >= 60 && requiredHours.toMinutes() <= 720);
    }

    /** The lunch break's length. */
    public Duration lunch() {
        return Duration.between(lunchFrom, lunchTo);
    }

    /**
     * A circle on the map.
     *
     * @param name what it is, shown to nobody but the operator
     * @param latitude centre, degrees
     * @param longitude centre, degrees
     * @param radiusMetres radius
     */
    public record AreaCircle(@NotBlank String name,
            @DecimalMin("-90") @DecimalMax("90") double latitude,
            @DecimalMin("-180") @DecimalMax("180") double longitude,
            @Min(10) @Max(50_000) int radiusMetres) {

        /** Whether the point is inside (haversine distance on a spherical Earth). */
        public boolean contains(double lat, double lon) {
            double dLat = Math.toRadians(lat - latitude);
            double dLon = Math.toRadians(lon - longitude);
            double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(latitude))
                    * Math.cos(Math.toRadians(lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
            return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a))) <= radiusMetres;
        }
    }

    /**
     * @param enabled whether reminders are sent
     * @param interval how often the reminder route looks
     * @param missingClockOutAt time of the next morning when a missing clock-out is reminded
     */
    public record Reminders(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("5m") Duration interval,
            @NotNull @DefaultValue("08:00") LocalTime missingClockOutAt) {

        @AssertTrue(message = "interval must be at least 10 seconds")
        public boolean isIntervalSensible() {
            return interval == null || interval.toSeconds() >= 10;
        }
    }
}
