package org.agencyworkspace.security.detection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.agencyworkspace.platform.audit.AuditChainVerifier;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditCursors.Cursor;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.audit.JdbcAuditTrail.ChainedEvent;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.security.incidents.Incident;
import org.agencyworkspace.security.incidents.IncidentEvents;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the audit chain from a persisted cursor ({@value #CURSOR}) and runs the detection rules
 * on each event after it was committed: a finding becomes an incident (or more evidence on the
 * open one) and a new incident a message to the security recipients, in the transaction that
 * moves the cursor, so nothing is evaluated twice or skipped. Also owns the rules: loaded from
 * the operator's file when there is one, reloaded when it changes; a refused file leaves the
 * rules in force.
 */
public class DetectionService {

    public static final String CURSOR = "detection";
    public static final String TEMPLATE = "security.incident";

    private static final Logger LOG = LoggerFactory.getLogger(DetectionService.class);
    private static final int BATCH = 500;

    /**
     * What a load of the rules did.
     *
     * @param loaded whether the rules in force changed
     * @param source the file or resource read
     * @param rules how many rules are in force afterwards
     * @param error why the file was refused, null when loaded
     */
    public record LoadResult(boolean loaded, String source, int rules, String error) {
    }

    private final JdbcAuditTrail trail;
    private final AuditCursors cursors;
    private final IncidentStore incidents;
    private final Messenger messenger;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final AuditChainVerifier verifier;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final Path rulesFile;
    private final Predicate<String> levelExists;
    private final ToIntFunction<String> levelRank;
    private final DetectionEngine.AccountStatus accounts;
    private final Recipient recipient;

    private volatile DetectionEngine engine;
    private volatile String loadedStamp;
    private volatile String lastError;

    public DetectionService(JdbcAuditTrail trail, AuditCursors cursors, IncidentStore incidents,
            Messenger messenger, EventPublisher events, AuditTrail audit,
            AuditChainVerifier verifier, TransactionTemplate transactions, ObjectMapper json, Clock clock, Path rulesFile,
            Predicate<String> levelExists, ToIntFunction<String> levelRank,
            DetectionEngine.AccountStatus accounts, Recipient recipient) {
        this.trail = trail;
        this.cursors = cursors;
        this.incidents = incidents;
        this.messenger = messenger;
        this.events = events;
        this.audit = audit;
        this.verifier = verifier;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.rulesFile = rulesFile;
        this.levelExists = levelExists;
        this.levelRank = levelRank;
        this.accounts = accounts;
        this.recipient = recipient;
        LoadResult first = reload("startup");
        if (engine == null) {
            // A broken operator file at start-up: run on the shipped rules rather than blind.
            LOG.error("Detection rules file {} refused ({}); using the shipped rules", rulesFile, first.error());
            engine = new DetectionEngine(DetectionRulesFile.parse(DetectionRulesFile.defaultText(),
                    levelExists), levelRank, accounts);
        }
    }

    /** Reloads the rules when the operator's file appeared, changed or went away. */
    public synchronized LoadResult reloadIfChanged() {
        return stamp().equals(loadedStamp) ? new LoadResult(false, source(), engine.rules().rules().size(), null)
                : reload("file changed");
    }

    /** Reads the rules again (admin API, file watch); a refused file keeps the rules in force. */
    public synchronized LoadResult reload(String by) {
        String stamp = stamp();
        String source = source();
        RuleSet rules;
        try {
            String text = Files.isRegularFile(rulesFile)
                    ? Files.readString(rulesFile, StandardCharsets.UTF_8)
                    : DetectionRulesFile.defaultText();
            rules = DetectionRulesFile.parse(text, levelExists);
        } catch (IOException | IllegalArgumentException e) {
            loadedStamp = stamp; // do not retry the same broken file every second
            lastError = e.getMessage();
            audit.record(AuditEvent.of("detection.rules.refused", "configuration").actor("system", by)
                    .target("file", source).failure(e.getMessage()).build());
            int inForce = engine == null ? 0 : engine.rules().rules().size();
            return new LoadResult(false, source, inForce, e.getMessage());
        }
        DetectionEngine next = new DetectionEngine(rules, levelRank, accounts);
        warmUp(next);
        engine = next;
        loadedStamp = stamp;
        lastError = null;
        audit.record(AuditEvent.of("detection.rules.load", "configuration").actor("system", by)
                .target("file", source).details(Map.of("rules", Integer.toString(rules.rules().size())))
                .build());
        LOG.info("Detection rules loaded from {}: {} rules", source, rules.rules().size());
        return new LoadResult(true, source, rules.rules().size(), null);
    }

    /** The reason the last load was refused, null when the file in force loaded. */
    public String lastError() {
        return lastError;
    }

    public RuleSet rules() {
        return engine.rules();
    }

    /** Evaluates every event committed since the cursor. Returns how many incidents were new. */
    public synchronized int evaluateNew() {
        int raised = 0;
        while (true) {
            long after = cursors.get(CURSOR).position();
            List<ChainedEvent> rows = trail.after(after, BATCH);
            if (rows.isEmpty()) {
                return raised;
            }
            DetectionEngine current = engine;
            List<Finding> findings = new ArrayList<>();
            for (ChainedEvent row : rows) {
                findings.addAll(current.evaluate(row.row().toEvent(json)));
            }
            long position = rows.get(rows.size() - 1).position();
            raised += transactions.execute(status -> {
                int created = raise(findings);
                cursors.set(CURSOR, new Cursor(position, null));
                return created;
            });
        }
    }

    /** Verifies the audit chain; a broken chain raises the chain-break rules' incident. */
    public synchronized int checkChain() {
        List<Finding> findings = engine.chainChecked(verifier.verify(), clock.instant());
        return findings.isEmpty() ? 0 : transactions.execute(status -> raise(findings));
    }

    private int raise(List<Finding> findings) {
        int created = 0;
        for (Finding finding : findings) {
            Incident incident = incidents.raise(finding).orElse(null);
            if (incident != null) {
                created++;
                messenger.send(OutgoingMessage.of(recipient, TEMPLATE, Map.of("id", incident.id(),
                        "rule", incident.ruleId(), "severity", incident.severity(),
                        "title", incident.title())));
                events.publish(new IncidentEvents.Raised(incident.id(), incident.ruleId(),
                        incident.severity(), incident.entity(), incident.title(),
                        "/admin/security/incidents/" + incident.id()), "system");
            }
        }
        return created;
    }

    /**
     * Fills the counting windows of a new engine with the events just before the cursor (its
     * longest window's worth), so a restart or a reload does not forget a burst in progress.
     * Findings from the warm-up are dropped: those events were evaluated already.
     */
    private void warmUp(DetectionEngine next) {
        Duration longest = next.rules().rules().stream().filter(rule -> rule.window() != null)
                .map(RuleSet.Rule::windowLength).max(Duration::compareTo).orElse(Duration.ZERO);
        long cursor = cursors.get(CURSOR).position();
        if (longest.isZero() || cursor == 0) {
            return;
        }
        long from = Math.max(0, cursor - 10_000);
        List<ChainedEvent> recent = trail.after(from, (int) (cursor - from));
        if (recent.isEmpty()) {
            return;
        }
        Instant since = recent.get(recent.size() - 1).row().occurredAt().minus(longest);
        for (ChainedEvent row : recent) {
            if (!row.row().occurredAt().isBefore(since)) {
                next.evaluate(row.row().toEvent(json));
            }
        }
    }

    private String source() {
        return Files.isRegularFile(rulesFile) ? rulesFile.toString()
                : "classpath:" + DetectionRulesFile.DEFAULT_RESOURCE;
    }

    private String stamp() {
        try {
            return Files.isRegularFile(rulesFile)
                    ? Files.getLastModifiedTime(rulesFile).toMillis() + ":" + Files.size(rulesFile)
                    : "default";
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
