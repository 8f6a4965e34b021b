package org.agencyworkspace.security.detection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.ChainVerification;
import org.agencyworkspace.security.detection.RuleSet.Rule;
import org.agencyworkspace.security.detection.RuleSet.Type;

/**
 * Evaluates one rule set over audit events in chain order. Counting rules keep sliding windows
 * in memory, measured in event time (so a replay after a restart counts the same way); not
 * thread-safe: one evaluator follows the chain.
 */
public class DetectionEngine {

    /** Whether a login's account is still active; empty when unknown. */
    public interface AccountStatus {
        Optional<Boolean> active(String login);
    }

    private static final Set<String> LOGIN_FAILURES = Set.of("login.failure");
    private static final Set<String> DELIVERIES = Set.of("file.download", "file.preview");
    // file.share.created: the workspace's own shares and Nextcloud's (its audit log); file.share.create: as before.
    private static final Set<String> SHARES = Set.of("file.share.revoked", "file.share.created",
            "file.share.create");
    private static final Set<String> OUTSIDE_SHARES = Set.of("PUBLIC_LINK", "EXTERNAL");
    /** What a guest reviewer does that a guest should not: reach outside their reviews, or come back after close. */
    private static final Set<String> GUEST_ANOMALIES = Set.of("review.guest.outside-review",
            "review.guest.staff-path", "review.guest.after-close");

    /** Clock events, whose details carry the network zone they came from. */
    private static final Set<String> CLOCK_EVENTS = Set.of("attendance.clock-in", "attendance.clock-out");

    private final RuleSet rules;
    private final ToIntFunction<String> levelRank;
    private final AccountStatus accounts;
    private final Map<String, Map<String, Deque<Seen>>> windows = new HashMap<>();

    public DetectionEngine(RuleSet rules, ToIntFunction<String> levelRank, AccountStatus accounts) {
        this.rules = rules;
        this.levelRank = levelRank;
        this.accounts = accounts;
    }

    public RuleSet rules() {
        return rules;
    }

    /** What the event makes fire, in rule order. */
    public List<Finding> evaluate(AuditEvent event) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (!rule.on()) {
                continue;
            }
            Finding finding = switch (rule.kind()) {
                case BRUTE_FORCE -> bruteForce(rule, event);
                case PASSWORD_SPRAYING -> spraying(rule, event);
                case MASS_DOWNLOAD -> massDownload(rule, event);
                case LABELLED_SHARE -> labelledShare(rule, event);
                case AFTER_HOURS_ACCESS -> afterHours(rule, event);
                case DEPROVISIONED_ACTIVITY -> deprovisioned(rule, event);
                case CHAIN_BREAK -> null;
                case GUEST_ANOMALY -> guestAnomaly(rule, event);
                case ZONE_HOP -> zoneHop(rule, event);
            };
            if (finding != null) {
                findings.add(finding);
            }
        }
        return findings;
    }

    /** The chain-break rules' findings for a failed verification. */
    public List<Finding> chainChecked(ChainVerification verification, Instant at) {
        if (verification.intact()) {
            return List.of();
        }
        ChainVerification.Problem problem = verification.firstProblem();
        List<String> evidence = problem.eventId() == null ? List.of() : List.of(problem.eventId());
        return rules.rules().stream()
                .filter(rule -> rule.on() && rule.kind() == Type.CHAIN_BREAK)
                .map(rule -> new Finding(rule.id(), rule.level(), "audit-chain",
                        "Audit chain broken at position " + problem.position() + ": " + problem.reason(),
                        evidence, at))
                .toList();
    }

    private Finding bruteForce(Rule rule, AuditEvent event) {
        if (!matches(rule, LOGIN_FAILURES, event)) {
            return null;
        }
        String key = rule.key() == RuleSet.Key.IP ? ip(event) : event.actor().id();
        if (key == null) {
            return null;
        }
        Deque<Seen> seen = window(rule, key, event);
        if (seen.size() < rule.threshold()) {
            return null;
        }
        String entity = (rule.key() == RuleSet.Key.IP ? "ip:" : "user:") + key;
        return fire(rule, entity, seen, seen.size() + " failed logins for " + entity + " within "
                + rule.window());
    }

    private Finding spraying(Rule rule, AuditEvent event) {
        String ip = ip(event);
        if (!matches(rule, LOGIN_FAILURES, event) || ip == null) {
            return null;
        }
        Deque<Seen> seen = window(rule, ip, event);
        Map<String, Seen> perUser = new LinkedHashMap<>();
        seen.forEach(item -> perUser.put(item.subject(), item));
        if (perUser.size() < rule.threshold()) {
            return null;
        }
        return fire(rule, "ip:" + ip, seen, "failed logins for " + perUser.size()
                + " different accounts from ip:" + ip + " within " + rule.window());
    }

    private Finding massDownload(Rule rule, AuditEvent event) {
        if (!matches(rule, DELIVERIES, event) || event.outcome() != AuditEvent.Outcome.SUCCESS
                || !atLeast(rule, event)) {
            return null;
        }
        Deque<Seen> seen = window(rule, event.actor().id(), event);
        if (seen.size() < rule.threshold()) {
            return null;
        }
        return fire(rule, "user:" + event.actor().id(), seen, seen.size() + " files at "
                + rule.minLevel() + " or above delivered to user:" + event.actor().id()
                + " within " + rule.window());
    }

    private Finding labelledShare(Rule rule, AuditEvent event) {
        // A refused share did not happen: the refusal is in the trail, no incident.
        if (!matches(rule, SHARES, event) || event.outcome() == AuditEvent.Outcome.FAILURE
                || !atLeast(rule, event)) {
            return null;
        }
        String shareType = event.details().get("type");
        if (shareType != null && !OUTSIDE_SHARES.contains(shareType)) {
            return null;
        }
        return single(rule, "file:" + event.target().id(), event, "A " + event.target().classification()
                + " file was shared " + (shareType == null ? "outside" : shareType) + " (event "
                + event.id() + ")");
    }

    private Finding afterHours(Rule rule, AuditEvent event) {
        if (!matches(rule, DELIVERIES, event) || event.outcome() != AuditEvent.Outcome.SUCCESS
                || !atLeast(rule, event) || duringWork(event.timestamp())) {
            return null;
        }
        return single(rule, "user:" + event.actor().id(), event, "user:" + event.actor().id()
                + " opened a " + event.target().classification() + " file outside working hours"
                + " (event " + event.id() + ")");
    }

    /**
     * Activity by an account whose identity is no longer active. Without {@code actions}, only
     * what succeeded counts (a refused sign-in is the account working as meant); a rule naming its
     * actions counts refused attempts of them too, since a departed person's clock-in attempt is
     * itself the sign.
     */
    private Finding deprovisioned(Rule rule, AuditEvent event) {
        String login = event.actor().id();
        boolean named = rule.actions() != null;
        if (AuditEvent.Actor.SYSTEM.id().equals(login)
                || (!named && event.outcome() != AuditEvent.Outcome.SUCCESS)
                || (named && !rule.actions().contains(event.action()))) {
            return null;
        }
        boolean inactive = accounts.active(login).map(active -> !active).orElse(false);
        if (!inactive) {
            return null;
        }
        return single(rule, "user:" + login, event, "activity by deprovisioned account user:"
                + login + ": " + event.action() + (event.outcome() == AuditEvent.Outcome.SUCCESS ? ""
                        : " (refused)") + " (event " + event.id() + ")");
    }

    /** A refused guest action of the rule's kinds: one finding per event, for the guest. */
    private Finding guestAnomaly(Rule rule, AuditEvent event) {
        if (!matches(rule, GUEST_ANOMALIES, event) || event.outcome() != AuditEvent.Outcome.FAILURE) {
            return null;
        }
        String guest = event.actor().id();
        String where = event.target() == null ? "" : " " + event.target().type() + ":" + event.target().id();
        return single(rule, guest.startsWith("guest:") ? guest : "user:" + guest, event, guest + " "
                + event.action().substring("review.guest.".length()) + where + " (" + event.reason() + ", event "
                + event.id() + ")");
    }

    /** One person's clock events from two network zones (office, outside) within the window. */
    private Finding zoneHop(Rule rule, AuditEvent event) {
        String zone = event.details() == null ? null : event.details().get("networkZone");
        if (!matches(rule, CLOCK_EVENTS, event) || event.outcome() != AuditEvent.Outcome.SUCCESS
                || zone == null) {
            return null;
        }
        String person = event.actor().id();
        Deque<Seen> seen = window(rule, person, event, zone);
        Set<String> zones = new java.util.TreeSet<>();
        seen.forEach(item -> zones.add(item.subject()));
        if (zones.size() < 2) {
            return null;
        }
        return fire(rule, "user:" + person, seen, "clock events from the " + String.join(" and ", zones)
                + " networks within " + rule.window() + " for user:" + person);
    }

    private boolean duringWork(Instant at) {
        RuleSet.WorkingHours hours = rules.workingHours();
        ZonedDateTime local = at.atZone(hours.zoneId());
        LocalTime time = local.toLocalTime();
        return hours.dayset().contains(local.getDayOfWeek()) && !time.isBefore(hours.startTime())
                && time.isBefore(hours.endTime());
    }

    private boolean matches(Rule rule, Set<String> defaults, AuditEvent event) {
        return (rule.actions() == null ? defaults : Set.copyOf(rule.actions())).contains(event.action());
    }

    private boolean atLeast(Rule rule, AuditEvent event) {
        return event.target() != null && event.target().classification() != null
                && levelRank.applyAsInt(event.target().classification()) >= levelRank.applyAsInt(rule.minLevel());
    }

    private static String ip(AuditEvent event) {
        return event.source() == null ? null : event.source().ip();
    }

    /** Adds the event to the rule's window for {@code key}, dropping what is older than it. */
    private Deque<Seen> window(Rule rule, String key, AuditEvent event) {
        return window(rule, key, event, event.actor().id());
    }

    /** The rule's window for {@code key} with this event added, remembered as {@code subject}. */
    private Deque<Seen> window(Rule rule, String key, AuditEvent event, String subject) {
        Deque<Seen> seen = windows.computeIfAbsent(rule.id(), id -> new HashMap<>())
                .computeIfAbsent(key, k -> new ArrayDeque<>());
        seen.addLast(new Seen(event.timestamp(), event.id(), subject));
        Duration length = rule.windowLength();
        Instant oldest = event.timestamp().minus(length);
        while (!seen.isEmpty() && seen.peekFirst().at().isBefore(oldest)) {
            seen.removeFirst();
        }
        return seen;
    }

    /** Fires with the window's events as evidence and starts counting again. */
    private Finding fire(Rule rule, String entity, Deque<Seen> seen, String title) {
        List<String> evidence = seen.stream().map(Seen::eventId).toList();
        Instant last = seen.peekLast().at();
        seen.clear();
        return new Finding(rule.id(), rule.level(), entity, title, evidence, last);
    }

    private static Finding single(Rule rule, String entity, AuditEvent event, String title) {
        return new Finding(rule.id(), rule.level(), entity, title, List.of(event.id()), event.timestamp());
    }

    private record Seen(Instant at, String eventId, String subject) {
    }
}
