package org.agencyworkspace.files.labels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The labels' calendar, run on a schedule: a label whose declassification date has come is
 * lifted, and a provisional label whose decision deadline has passed (國家機密保護法施行細則:
 * the competent official decides within 30 days) is brought to its classifier and approving
 * official, again each week while it stays undecided. One file's failure does not hold back the
 * others; it is logged and tried again at the next review.
 */
@Service
public class LabelReview {

    /** How often an undecided provisional label is brought up again. */
    static final Duration REMIND_AGAIN = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(LabelReview.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /**
     * What one review did.
     *
     * @param declassified labels lifted
     * @param reminded overdue provisional labels brought up
     * @param failed files that could not be handled this time
     */
    public record Outcome(int declassified, int reminded, int failed) {
    }

    private final LabelRecords records;
    private final FileLabels labels;
    private final ClassificationScheme scheme;
    private final Messenger messenger;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId zone;

    public LabelReview(LabelRecords records, FileLabels labels, ClassificationScheme scheme,
            Messenger messenger, AuditTrail audit, Clock clock) {
        this.records = records;
        this.labels = labels;
        this.scheme = scheme;
        this.messenger = messenger;
        this.audit = audit;
        this.clock = clock;
        this.zone = scheme.zone();
    }

    public Outcome review() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        int declassified = 0;
        int reminded = 0;
        int failed = 0;
        for (LabelRecords.Labelled due : records.dueForDeclassification(today,
                scheme.unmarked().code())) {
            try {
                if (labels.declassify(due, today)) {
                    declassified++;
                    tell(due, Set.of(due.label().classifiedBy()), "file.label.declassified",
                            Map.of("date", due.label().declassifyOn().format(DAY)));
                }
            } catch (RuntimeException e) {
                failed++;
                log.warn("label review: could not declassify {}: {}", due.path(), e.toString());
            }
        }
        for (LabelRecords.Labelled overdue : records.overdueDecisions(now, now.minus(REMIND_AGAIN))) {
            try {
                remind(overdue);
                reminded++;
            } catch (RuntimeException e) {
                failed++;
                log.warn("label review: could not remind of {}: {}", overdue.path(), e.toString());
            }
        }
        if (declassified + reminded + failed > 0) {
            log.info("label review: {} declassified, {} overdue decisions reminded, {} failed",
                    declassified, reminded, failed);
        }
        return new Outcome(declassified, reminded, failed);
    }

    private void remind(LabelRecords.Labelled overdue) {
        Label label = overdue.label();
        Set<String> people = new LinkedHashSet<>();
        people.add(label.classifiedBy());
        if (label.authority() != null && !label.authority().isBlank()) {
            people.add(label.authority());
        }
        String deadline = LocalDate.ofInstant(label.decisionDeadline(), zone).format(DAY);
        tell(overdue, people, "file.label.decision-overdue", Map.of("deadline", deadline));
        records.reminded(overdue.fileId());
        audit.record(AuditEvent.of("file.label.decision-overdue", "file")
                .target(overdue.folder() ? "folder" : "file", overdue.path(), label.level())
                .details(Map.of("deadline", deadline, "told", String.join(",", people)))
                .build());
    }

    private void tell(LabelRecords.Labelled file, Set<String> people, String template,
            Map<String, String> extra) {
        Map<String, String> parameters = new HashMap<>(extra);
        parameters.put("file", file.path());
        parameters.put("level", scheme.level(file.label().level()).marking());
        for (String login : people) {
            messenger.send(OutgoingMessage.of(Recipient.user(login), template, parameters));
        }
    }
}
