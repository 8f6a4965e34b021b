package org.agencyworkspace.security.detection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The detection rules of one YAML file (operator guide, "Detection rules"). {@link #check()}
 * refuses a file that would not work, naming the rule and the field.
 *
 * @param workingHours when staff normally work, for the after-hours rule
 * @param rules the rules, each with a unique id
 */
public record RuleSet(@JsonProperty("working-hours") WorkingHours workingHours, List<Rule> rules) {

    /** What a rule looks for. */
    public enum Type {
        BRUTE_FORCE, PASSWORD_SPRAYING, MASS_DOWNLOAD, LABELLED_SHARE, AFTER_HOURS_ACCESS,
        DEPROVISIONED_ACTIVITY, CHAIN_BREAK, GUEST_ANOMALY;

        static Type parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    /** Who a brute-force count is kept for. */
    public enum Key { USER, IP }

    /**
     * @param zone the agency's time zone, e.g. {@code Asia/Taipei}
     * @param days working days, e.g. {@code [MONDAY, TUESDAY, ...]}
     * @param start first minute of work, {@code HH:mm}
     * @param end end of work, {@code HH:mm}
     */
    public record WorkingHours(String zone, List<String> days, String start, String end) {

        ZoneId zoneId() {
            return ZoneId.of(zone);
        }

        Set<DayOfWeek> dayset() {
            Set<DayOfWeek> set = new HashSet<>();
            days.forEach(day -> set.add(DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT))));
            return set;
        }

        LocalTime startTime() {
            return LocalTime.parse(start);
        }

        LocalTime endTime() {
            return LocalTime.parse(end);
        }
    }

    /**
     * One rule. Which fields a type needs: brute-force {@code by, threshold, window};
     * password-spraying {@code threshold} (distinct users), {@code window}; mass-download
     * {@code threshold, window, min-level}; labelled-share {@code min-level}; after-hours-access
     * {@code min-level}; deprovisioned-activity, chain-break and guest-anomaly nothing more.
     * {@code actions} overrides the event actions a type looks at.
     */
    public record Rule(String id, String type, String severity, String by, Integer threshold,
            String window, @JsonProperty("min-level") String minLevel, List<String> actions,
            Boolean enabled) {

        Type kind() {
            return Type.parse(type);
        }

        Severity level() {
            return Severity.valueOf(severity.trim().toUpperCase(Locale.ROOT));
        }

        Key key() {
            return by == null ? Key.USER : Key.valueOf(by.trim().toUpperCase(Locale.ROOT));
        }

        Duration windowLength() {
            return Duration.parse("PT" + window.trim().toUpperCase(Locale.ROOT));
        }

        boolean on() {
            return enabled == null || enabled;
        }
    }

    /**
     * Checks every rule and returns this set; the message names the rule and what is wrong.
     *
     * @param levelExists whether a classification level code exists
     */
    public RuleSet check(java.util.function.Predicate<String> levelExists) {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("no rules: the file needs a 'rules' list");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String where = "rule " + (i + 1) + (rule == null || rule.id() == null ? "" : " (" + rule.id() + ")");
            if (rule == null || rule.id() == null || !rule.id().matches("[a-z0-9][a-z0-9-]{0,99}")) {
                throw new IllegalArgumentException(where + ": id must be lower-case words joined by dashes");
            }
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException(where + ": id used twice");
            }
            Type type;
            try {
                type = rule.kind();
                rule.level();
                rule.key();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where + ": type must be one of brute-force,"
                        + " password-spraying, mass-download, labelled-share, after-hours-access,"
                        + " deprovisioned-activity, chain-break, guest-anomaly; severity one of low, medium, high,"
                        + " critical; by one of user, ip");
            }
            boolean counted = type == Type.BRUTE_FORCE || type == Type.PASSWORD_SPRAYING
                    || type == Type.MASS_DOWNLOAD;
            if (counted) {
                if (rule.threshold() == null || rule.threshold() < 2) {
                    throw new IllegalArgumentException(where + ": threshold must be 2 or more");
                }
                try {
                    if (rule.window() == null || rule.windowLength().isNegative()
                            || rule.windowLength().isZero() || rule.windowLength().toDays() > 7) {
                        throw new IllegalArgumentException("range");
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(where + ": window must be a duration such as"
                            + " 10m or 1h, at most 7 days");
                }
            }
            boolean labelled = type == Type.MASS_DOWNLOAD || type == Type.LABELLED_SHARE
                    || type == Type.AFTER_HOURS_ACCESS;
            if (labelled && (rule.minLevel() == null || !levelExists.test(rule.minLevel()))) {
                throw new IllegalArgumentException(where + ": min-level must be a classification"
                        + " level code, e.g. secret or confidential");
            }
            if (type == Type.AFTER_HOURS_ACCESS) {
                if (workingHours == null) {
                    throw new IllegalArgumentException(where + ": needs 'working-hours' in the file");
                }
                try {
                    workingHours.zoneId();
                    workingHours.dayset();
                    workingHours.startTime();
                    workingHours.endTime();
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("working-hours: zone must be a time zone such"
                            + " as Asia/Taipei, days English day names, start and end HH:mm");
                }
            }
        }
        return this;
    }
}
