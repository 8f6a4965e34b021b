package org.agencyworkspace.platform.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.platform.idempotency.IdempotentRepositories;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;

class RouteServicesTest {

    private final List<OutgoingMessage> sent = new ArrayList<>();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final TestDatabase database = new TestDatabase();
    private final IdempotentRepositories repositories = new IdempotentRepositories(database.dataSource(),
            database.transactions());
    private final RouteServices services = new RouteServices(message -> {
        sent.add(message);
        return "message-1";
    }, audit, repositories, database.transactions());

    @Test
    void aKeyedMessageIsSentOnceAndItsKeyIsKeptOnlyWithTheMessage() {
        // The message's own row, as the outbox writes it, in the same database.
        database.jdbc().sql("CREATE TABLE sent_message (id VARCHAR(36))").update();
        List<String> outbox = new ArrayList<>();
        boolean[] fail = {true};
        RouteServices keyed = new RouteServices(message -> {
            database.jdbc().sql("INSERT INTO sent_message (id) VALUES ('m')").update();
            if (fail[0]) {
                // As the process dying after the key was stored and before the message was.
                throw new IllegalStateException("gone");
            }
            outbox.add(message.templateKey());
            return "m";
        }, audit, repositories, database.transactions());
        Map<String, Object> headers = Map.of(RouteServices.KEY_HEADER, "notice-board:停電.txt-12-1");

        assertThatThrownBy(() -> keyed.sendMessage("group:staff", "notice.published", "x", null, headers))
                .hasMessage("gone");
        assertThat(repositories.forProcessor("workspace-notify").contains("notice-board:停電.txt-12-1"))
                .as("no key is kept for a message that was not stored").isFalse();
        assertThat(database.jdbc().sql("SELECT COUNT(*) FROM sent_message").query(Integer.class).single()).isZero();

        fail[0] = false;
        assertThat(keyed.sendMessage("group:staff", "notice.published", "x", null, headers)).isEqualTo("m");
        assertThat(keyed.sendMessage("group:staff", "notice.published", "x", null, headers))
                .as("sent before: not again").isNull();
        assertThat(outbox).hasSize(1);
        assertThat(keyed.sendMessage("group:staff", "notice.published", "x", null,
                Map.of(RouteServices.KEY_HEADER, "notice-board:停水.txt-12-2"))).isEqualTo("m");
        assertThat(outbox).hasSize(2);
    }

    @Test
    void notifyTakesARecipientSpecAndAMapOrText() {
        assertThat(services.sendMessage("group:it", "notice.published",
                Map.of("title", "停電", "text", "週六"), "en", null)).isEqualTo("message-1");
        services.sendMessage("user:alice", "notice.published", "plain text", null,
                Map.of("WorkspaceParamTitle", "停水", "WorkspaceRecipient", "user:alice"));

        assertThat(sent.get(0).recipient()).isEqualTo(Recipient.group("it"));
        assertThat(sent.get(0).locale()).hasToString("en");
        assertThat(sent.get(1).parameters()).containsEntry("text", "plain text")
                .containsEntry("title", "停水").hasSize(2);
        assertThat(sent.get(1).locale()).isNull();
    }

    @Test
    void malformedRecipientsAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> services.sendMessage("alice", "notice.published", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user:<login>, group:<name> or room:<id>");
        assertThatThrownBy(() -> services.sendMessage("team:x", "notice.published", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void auditRecordsTheRouteAsActor() {
        services.audit("hr-feed", "notice.publish", null, null, "notice:2026-001", "weekly");

        AuditEvent event = audit.events().get(0);
        assertThat(event.actor().id()).isEqualTo("route:hr-feed");
        assertThat(event.category()).isEqualTo("integration");
        assertThat(event.target().id()).isEqualTo("2026-001");
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    }

    @Test
    void auditRefusesBadArguments() {
        assertThatThrownBy(() -> services.audit("r", "Bad Action", null, null, null, null))
                .hasMessageContaining("dotted lower-case");
        assertThatThrownBy(() -> services.audit("r", "x.y", null, "maybe", null, null))
                .hasMessageContaining("success or failure");
        assertThatThrownBy(() -> services.audit("r", "x.y", null, null, "no-type", null))
                .hasMessageContaining("<type>:<id>");
        assertThat(audit.events()).isEmpty();
    }
}
