package org.agencyworkspace.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.chat.builtin.ApproveCommand;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.RoomMessage;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.platform.messaging.OutboxMessenger;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.support.TestNotifications;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 7: MatrixChatIT read the audit trail as soon as the bot's answer appeared in the
 * thread and sometimes found no record of the command, because the answer was posted before the
 * outcome was audited. Every outcome (done, refused, unknown, unmapped) must be in the trail by
 * the time its answer is sent.
 */
class ChatCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database = new TestDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T00:30:00Z"));
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final NotificationTemplates texts = new NotificationTemplates(TestNotifications.messageSource());
    private final ChatInbox inbox = new ChatInbox(database.jdbc(), clock);
    /** For each answer sent: the event it answers and whether its outcome was audited by then. */
    private final List<String> answers = new ArrayList<>();

    @Test
    void everyOutcomeIsAuditedBeforeItsAnswerIsSent() throws Exception {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        for (String[] person : new String[][] {{"dave", "manager"}, {"eve", "staff"}}) {
            accounts.create(new LocalAccount(person[0], person[0], person[0], null, "{hash}", null,
                    null, "unmarked", List.of("staff", person[1]).stream().distinct().toList(),
                    List.of("it"), true, 0, null));
        }
        JdbcStaffDirectory directory = new JdbcStaffDirectory(database.jdbc());
        Approvals approvals = new Approvals(database.jdbc(), directory,
                new OutboxMessenger(new MessageOutbox(database.jdbc(), JSON, clock), texts),
                new RecordingEventPublisher(), audit, clock, URI.create("https://workspace.agency.test/"));
        Approval asked = approvals.request("leave", "Leave", null, "eve", "manager");
        MatrixClient bot = recordingBot();
        ChatProperties chat = new ChatProperties("agency-workspace", "as", "hs", "aw-bot", "aw_",
                URI.create("http://127.0.0.1:8080"), "aw-", "Agency", "security", "security-officer",
                Duration.ofMillis(500), Duration.ofSeconds(2));
        ChatCommands commands = new ChatCommands(List.of(new ApproveCommand(approvals, texts)), bot,
                new ChatRooms(bot, "hs.test", chat, new OrgChart(database.jdbc())), inbox, directory,
                texts, audit, TestWorkspaceProperties.defaults());

        List<String> events = List.of(
                receive("$refused", "@eve:hs.test", "!approve " + asked.id()),
                receive("$done", "@dave:hs.test", "!approve " + asked.id()),
                receive("$unknown", "@eve:hs.test", "!frobnicate now"),
                receive("$stranger", "@nobody:hs.test", "!status"));
        events.forEach(commands::process);

        assertThat(answers).containsExactly("$refused audited", "$done audited", "$unknown audited",
                "$stranger audited");
        assertThat(approvals.find(asked.id()).orElseThrow().decidedBy()).isEqualTo("dave");
    }

    private String receive(String eventId, String sender, String body) throws Exception {
        JsonNode event = JSON.readTree("""
                [{"event_id":"%s","room_id":"!room:hs.test","sender":"%s","type":"m.room.message",
                  "content":{"msgtype":"m.text","body":"%s"}}]""".formatted(eventId, sender, body));
        inbox.receive("txn" + eventId, event, any -> true);
        return eventId;
    }

    /** Every room is {@code !room}; each answer notes whether its command is already audited. */
    private MatrixClient recordingBot() {
        return (MatrixClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MatrixClient.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "send" -> {
                        String answered = ((RoomMessage) args[2]).threadRoot();
                        boolean audited = audit.events().stream().anyMatch(event ->
                                event.action().equals(ChatCommands.AUDIT_ACTION)
                                        && answered.equals(event.details().get("event")));
                        answers.add(answered + (audited ? " audited" : " NOT audited"));
                        yield "$answer-" + answers.size();
                    }
                    case "resolveAlias" -> Optional.of("!room");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
