package org.agencyworkspace.security.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.platform.audit.AuditChainVerifier;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.security.incidents.Incident;
import org.agencyworkspace.security.incidents.IncidentEvents;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Detection over a real (H2) audit chain: cursor, de-duplicated incidents, messages, reloads. */
class DetectionServiceTest {

    private static final List<String> LEVELS = List.of("unmarked", "secret", "confidential",
            "top-secret", "absolutely-secret");

    @TempDir
    Path dataDir;

    private final TestDatabase database = new TestDatabase();
    private final JdbcAuditTrail trail = new JdbcAuditTrail(database.jdbc(), new ObjectMapper(),
            new DataSourceTransactionManager(database.dataSource()));
    private final IncidentStore incidents = new IncidentStore(database.jdbc(), Clock.systemUTC());
    private final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private DetectionService detection;

    private DetectionService detection() {
        if (detection == null) {
            detection = new DetectionService(trail, new AuditCursors(database.jdbc()), incidents,
                    message -> {
                        sent.add(message);
                        return "m" + sent.size();
                    }, events, trail, new AuditChainVerifier(database.jdbc()), database.transactions(),
                    new ObjectMapper(), Clock.systemUTC(), dataDir.resolve("detection-rules.yaml"),
                    LEVELS::contains, LEVELS::indexOf, login -> Optional.empty(),
                    Recipient.room("!security:workspace.test"));
        }
        return detection;
    }

    @Test
    void failedLoginsBecomeOneIncidentWithOneMessageAndMoreEvidenceLater() {
        detection();
        failLogins("alice", 5);

        assertThat(detection().evaluateNew()).isEqualTo(1);

        Incident incident = incidents.list(new IncidentStore.Filter(null, null, null, null, 10)).get(0);
        assertThat(incident.ruleId()).isEqualTo("brute-force-user");
        assertThat(incident.entity()).isEqualTo("user:alice");
        assertThat(incident.status()).isEqualTo(Incident.Status.OPEN);
        assertThat(incident.evidence()).hasSize(5);
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo(Recipient.room("!security:workspace.test"));
            assertThat(message.templateKey()).isEqualTo(DetectionService.TEMPLATE);
            assertThat(message.parameters()).containsEntry("id", incident.id())
                    .containsEntry("severity", "HIGH").containsEntry("rule", "brute-force-user");
        });

        assertThat(events.of(IncidentEvents.Raised.class)).singleElement().satisfies(raised -> {
            assertThat(raised.id()).isEqualTo(incident.id());
            assertThat(raised.rule()).isEqualTo("brute-force-user");
            assertThat(raised.entity()).isEqualTo("user:alice");
            assertThat(raised.link()).isEqualTo("/admin/security/incidents/" + incident.id());
        });

        assertThat(detection().evaluateNew()).as("nothing new since the cursor").isZero();
        failLogins("alice", 5);
        assertThat(detection().evaluateNew()).isZero();
        assertThat(events.published()).as("more evidence on an open incident is not a new event")
                .hasSize(1);

        Incident again = incidents.find(incident.id()).orElseThrow();
        assertThat(again.evidence()).hasSize(10);
        assertThat(again.timeline()).hasSize(2);
        assertThat(sent).hasSize(1);
        assertThat(incidents.list(new IncidentStore.Filter(Incident.Status.OPEN, null, null, null, 10))).hasSize(1);
    }

    @Test
    void aClosedIncidentStaysClosedAndTheNextBurstOpensANewOne() {
        detection();
        failLogins("bob", 5);
        detection().evaluateNew();
        String id = incidents.list(new IncidentStore.Filter(null, null, null, null, 10)).get(0).id();

        incidents.update(id, "admin", Incident.Status.ACKNOWLEDGED, "erin", null, "acknowledged");
        Incident closed = incidents.update(id, "erin", Incident.Status.CLOSED, null,
                "user forgot the new password", "closed").orElseThrow();

        assertThat(closed.assignee()).isEqualTo("erin");
        assertThat(closed.resolution()).isEqualTo("user forgot the new password");
        assertThat(closed.timeline()).extracting(Incident.Entry::actor).containsExactly("detection", "admin", "erin");
        assertThatThrownBy(() -> incidents.update(id, "x", Incident.Status.OPEN, null, null, "reopen"))
                .hasMessageContaining("is closed");
        failLogins("bob", 5);
        assertThat(detection().evaluateNew()).isEqualTo(1);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aChangedRulesFileIsLoadedAndABadOneRefusedKeepingTheRulesInForce() throws Exception {
        assertThat(detection().rules().rules()).hasSize(12);
        Path file = dataDir.resolve("detection-rules.yaml");
        Files.writeString(file, "rules:\n  - id: brute-force-user\n    type: brute-force\n"
                + "    threshold: 3\n    window: 5m\n    severity: low\n");

        DetectionService.LoadResult loaded = detection().reloadIfChanged();

        assertThat(loaded.loaded()).isTrue();
        assertThat(detection().rules().rules()).hasSize(1);
        failLogins("carol", 3);
        assertThat(detection().evaluateNew()).isEqualTo(1);

        Files.writeString(file, "rules:\n  - id: brute-force-user\n    type: brute-force\n"
                + "    threshold: one\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        DetectionService.LoadResult refused = detection().reloadIfChanged();

        assertThat(refused.loaded()).isFalse();
        assertThat(refused.error()).startsWith("not a rules file");
        assertThat(detection().lastError()).isEqualTo(refused.error());
        assertThat(detection().rules().rules()).singleElement()
                .satisfies(rule -> assertThat(rule.threshold()).isEqualTo(3));
        assertThat(trail.recent(new org.agencyworkspace.platform.audit.AuditQuery(null,
                "detection.rules.refused", null, 5))).hasSize(1);
    }

    @Test
    void aTamperedChainRaisesTheChainBreakIncident() {
        detection();
        failLogins("dave", 2);
        assertThat(detection().checkChain()).isZero();
        database.jdbc().sql("UPDATE audit_event SET user_id = 'eve' WHERE chain_seq = 2").update();

        assertThat(detection().checkChain()).isEqualTo(1);
        assertThat(detection().checkChain()).as("still the same open incident").isZero();
        assertThat(incidents.list(new IncidentStore.Filter(null, "CRITICAL", "audit-chain-break", null, 5)))
                .singleElement().satisfies(incident -> assertThat(incident.title()).contains("CONTENT_CHANGED"));
    }

    private void failLogins(String user, int count) {
        for (int i = 0; i < count; i++) {
            trail.record(AuditEvent.of("login.failure", "authentication").actor(user, user)
                    .source("10.9.0." + i, "test").failure("bad password").build());
        }
    }
}
