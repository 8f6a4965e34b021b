package org.agencyworkspace.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.connector.matrix.RoomEvent;
import org.agencyworkspace.connector.matrix.RoomMessage;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.matrix.SynapseUserUpdate;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.support.ProvisioningStack;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chat bot end to end against the real Synapse of deploy/local, with the app listening where
 * the application-service registration points: people provisioned through SCIM land in their
 * department's room and follow moves and departures; a second Matrix user reads the department's
 * notices; {@code !approve} acts for an approver and is refused to others, answered in a thread
 * and audited; notifications sent while Synapse is stopped arrive once it is back, each once;
 * the transaction endpoint checks the homeserver's token and ignores repeats.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MatrixChatIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String SCIM_TOKEN = "scim-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration SOON = Duration.ofSeconds(30);
    static final SynapseAdmin SYNAPSE = ProvisioningStack.synapse("WORKSPACE_CHAT_IT");
    static final MatrixClient BOT = MatrixStack.bot();
    static final List<String> PEOPLE = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void chat(DynamicPropertyRegistry registry) {
        MatrixStack.register(registry, dataDir);
        registry.add("workspace.identity.scim.bearer-token", () -> SCIM_TOKEN);
    }

    @Autowired
    ChatRooms rooms;

    @Autowired
    Messenger messenger;

    @Autowired
    MessageOutbox outbox;

    @Autowired
    Approvals approvals;

    @Autowired
    AuditTrail audit;

    @Autowired
    StaffDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AppServiceRegistrationFile registrationFile;

    @AfterAll
    static void removeAccounts() {
        PEOPLE.forEach(name -> SYNAPSE.deactivate(MatrixUserId.of(name, MatrixStack.SERVER_NAME), true));
    }

    @Test
    void aJoinerReadsTheDepartmentNoticeAMoverMovesALeaverIsRemoved() throws Exception {
        String name = person("joiner");
        String userId = MatrixUserId.of(name, MatrixStack.SERVER_NAME);
        String scimId = JSON.readTree(scim("POST", "/scim/v2/Users",
                scimUser(name, "it", "staff", true)).body()).get("id").asText();

        String itRoom = Awaitility.await().atMost(SOON).until(() -> rooms.existingDepartmentRoom("it")
                .filter(room -> BOT.membership(room, userId).filter("invite"::equals).isPresent()
                        && BOT.membership(rooms.space(), userId).filter("invite"::equals).isPresent())
                .orElse(null), room -> room != null);
        MatrixClient joiner = loggedIn(name);
        joiner.join(itRoom);
        String since = joiner.sync(null, Duration.ZERO).nextBatch();

        String messageId = messenger.send(OutgoingMessage.of(Recipient.group("it"), "notice.published",
                Map.of("title", "Fire drill " + RUN, "text", "http://localhost:8080/notices/" + RUN)));

        List<RoomEvent> seen = MatrixStack.read(joiner, since, itRoom, SOON,
                messages -> messages.stream().anyMatch(m -> m.body().contains(RUN))).messages();
        assertThat(seen).filteredOn(message -> message.body().contains("Fire drill " + RUN))
                .singleElement().satisfies(message -> {
                    assertThat(message.sender()).isEqualTo(rooms.botUserId());
                    assertThat(message.content().get("msgtype").asText()).isEqualTo("m.notice");
                });
        assertThat(outbox.find(messageId).orElseThrow().status())
                .isEqualTo(MessageOutbox.Status.DELIVERED);

        // A mover: from IT to the Civil Service Ethics Office (code "security").
        assertThat(scim("PUT", "/scim/v2/Users/" + scimId, scimUser(name, "security", "staff", true))
                .statusCode()).isEqualTo(200);
        Awaitility.await().atMost(SOON).untilAsserted(() -> {
            assertThat(BOT.membership(itRoom, userId)).contains("leave");
            String securityDepartment = rooms.existingDepartmentRoom("security").orElseThrow();
            assertThat(BOT.membership(securityDepartment, userId)).contains("invite");
        });

        // A leaver: out of every room (Synapse's deactivation and the bot both see to it).
        assertThat(scim("PUT", "/scim/v2/Users/" + scimId, scimUser(name, "security", "staff", false))
                .statusCode()).isEqualTo(200);
        Awaitility.await().atMost(SOON).untilAsserted(() -> {
            assertThat(BOT.membership(rooms.existingDepartmentRoom("security").orElseThrow(), userId))
                    .contains("leave");
            assertThat(BOT.membership(rooms.space(), userId)).contains("leave");
            assertThat(SYNAPSE.findUser(userId).orElseThrow().deactivated()).isTrue();
        });
    }

    @Test
    void approveActsForTheApproverAndIsRefusedToOthersAnsweredInAThreadAndAudited() throws Exception {
        String approverName = person("approver");
        String requesterName = person("requester");
        scim("POST", "/scim/v2/Users", scimUser(approverName, "it", "auditor", true));
        scim("POST", "/scim/v2/Users", scimUser(requesterName, "it", "staff", true));
        String itRoom = Awaitility.await().atMost(SOON).until(() -> rooms.existingDepartmentRoom("it")
                .filter(room -> BOT.membership(room, MatrixUserId.of(requesterName,
                        MatrixStack.SERVER_NAME)).isPresent()
                        && BOT.membership(room, MatrixUserId.of(approverName,
                        MatrixStack.SERVER_NAME)).isPresent())
                .orElse(null), room -> room != null);
        // Each app has its own provisioning lane: Matrix being done says nothing of the staff
        // directory, and the demo agency's auditor would let the request through without ours.
        Awaitility.await().atMost(SOON).until(() -> directory.membersOf("auditor").contains(approverName)
                && directory.find(requesterName).isPresent());
        MatrixClient approver = loggedIn(approverName);
        MatrixClient requester = loggedIn(requesterName);
        approver.join(itRoom);
        requester.join(itRoom);

        Approval asked = approvals.request("leave", "Leave " + RUN, "/leave/1",
                requesterName, "auditor");
        Approval other = approvals.request("leave", "Other " + RUN, null, requesterName, "auditor");

        // The approver is told in their direct room, with the commands to answer.
        String approverId = MatrixUserId.of(approverName, MatrixStack.SERVER_NAME);
        // Synapse maps the alias before the room's first events: the bot may not be in it yet.
        String direct = Awaitility.await().ignoreExceptions().atMost(SOON).until(() -> BOT.resolveAlias(
                "#aw-dm-" + approverName + ":" + MatrixStack.SERVER_NAME)
                .filter(room -> BOT.membership(room, approverId).isPresent()).orElse(null), r -> r != null);
        approver.join(direct);
        assertThat(MatrixStack.read(approver, null, direct, SOON, messages -> messages.stream()
                .anyMatch(m -> m.body().contains("!approve " + asked.id()))).messages())
                .anyMatch(m -> m.body().contains("!approve " + asked.id()));

        // The requester may not decide: no auditor role (and it is their own request).
        String since = requester.sync(null, Duration.ZERO).nextBatch();
        String refusedCommand = requester.send(itRoom, "cmd-" + RUN, RoomMessage.text("!approve " + other.id()));
        RoomEvent refusal = threadAnswer(requester, since, itRoom, refusedCommand);
        assertThat(refusal.body()).contains(other.id()).contains("auditor");
        assertThat(approvals.find(other.id()).orElseThrow().status()).isEqualTo(Approval.Status.PENDING);

        // The approver decides; the answer is threaded under the command.
        String approverSince = approver.sync(null, Duration.ZERO).nextBatch();
        String command = approver.send(direct, "cmd-" + RUN, RoomMessage.text("!approve " + asked.id()));
        RoomEvent answer = threadAnswer(approver, approverSince, direct, command);
        assertThat(answer.body()).contains(asked.id());
        Approval decided = approvals.find(asked.id()).orElseThrow();
        assertThat(decided.status()).isEqualTo(Approval.Status.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo(approverName);

        // Unknown commands get a hint; both outcomes and the refusal are in the audit trail.
        String unknown = requester.send(itRoom, "cmd2-" + RUN, RoomMessage.text("!frobnicate now"));
        assertThat(threadAnswer(requester, since, itRoom, unknown).body()).contains("!help");
        List<AuditEvent> commands = audit.recent(AuditQuery.latest(500)).stream()
                .filter(event -> event.action().equals(ChatCommands.AUDIT_ACTION)).toList();
        assertThat(commands).anyMatch(event -> event.actor().id().equals(approverName)
                && event.outcome() == AuditEvent.Outcome.SUCCESS);
        assertThat(commands).anyMatch(event -> event.actor().id().equals(requesterName)
                && event.outcome() == AuditEvent.Outcome.FAILURE
                && event.target().id().equals("approve"));
        assertThat(commands).anyMatch(event -> event.actor().id().equals(requesterName)
                && event.outcome() == AuditEvent.Outcome.FAILURE
                && event.target().id().equals("frobnicate"));
    }

    @Test
    void aSenderWithoutAWorkspaceAccountIsRefused() {
        String strangerId = "@aw_it_stranger_" + RUN + ":" + MatrixStack.SERVER_NAME;
        BOT.registerNamespacedUser("aw_it_stranger_" + RUN);
        MatrixClient stranger = BOT.actingAs(strangerId);
        String room = rooms.namedRoom("it-chat-" + RUN);
        BOT.invite(room, strangerId, null);
        stranger.join(room);
        String since = stranger.sync(null, Duration.ZERO).nextBatch();

        String command = stranger.send(room, "cmd-" + RUN, RoomMessage.text("!status"));

        assertThat(threadAnswer(stranger, since, room, command).body()).contains(strangerId);
        Awaitility.await().atMost(SOON).until(() -> audit.recent(AuditQuery.latest(500)).stream()
                .anyMatch(event -> event.action().equals(ChatCommands.AUDIT_ACTION)
                        && event.actor().id().equals("matrix:" + strangerId)
                        && event.outcome() == AuditEvent.Outcome.FAILURE));
    }

    @Test
    void notificationsSentWhileSynapseIsDownArriveOnceItIsBackEachOnce() {
        String readerId = "@aw_it_reader_" + RUN + ":" + MatrixStack.SERVER_NAME;
        BOT.registerNamespacedUser("aw_it_reader_" + RUN);
        MatrixClient reader = BOT.actingAs(readerId);
        String itRoom = rooms.departmentRoom("it");
        BOT.invite(itRoom, readerId, null);
        reader.join(itRoom);
        String since = reader.sync(null, Duration.ZERO).nextBatch();
        int count = 5;

        List<String> ids = new java.util.ArrayList<>();
        StackEnvironment.stack("down", "synapse");
        try {
            for (int i = 0; i < count; i++) {
                ids.add(messenger.send(OutgoingMessage.of(Recipient.group("it"), "notice.published",
                        Map.of("title", "Outage " + RUN + " #" + i, "text", "-"))));
            }
            // The outbox holds them: tried, failed, still pending (not dead-lettered).
            Awaitility.await().atMost(SOON).until(() -> ids.stream().map(id -> outbox.find(id).orElseThrow())
                    .allMatch(entry -> entry.attempts() > 0
                            && entry.status() == MessageOutbox.Status.PENDING));
        } finally {
            StackEnvironment.stack("up", "synapse");
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> outbox.find(id).orElseThrow().status() == MessageOutbox.Status.DELIVERED));
        // Read until all arrived, then a further quiet second: no duplicate follows.
        MatrixStack.Reading reading = MatrixStack.read(reader, since, itRoom, SOON, messages ->
                messages.stream().filter(m -> m.body().contains("Outage " + RUN)).count() >= count);
        List<RoomEvent> more = MatrixStack.read(reader, reading.nextBatch(), itRoom, Duration.ofSeconds(1),
                messages -> false).messages();
        List<String> bodies = java.util.stream.Stream.concat(reading.messages().stream(), more.stream())
                .map(RoomEvent::body).filter(body -> body.contains("Outage " + RUN)).toList();
        assertThat(bodies).hasSize(count);
        for (int i = 0; i < count; i++) {
            String title = "Outage " + RUN + " #" + i;
            assertThat(bodies).filteredOn(body -> body.contains(title + "\n")).hasSize(1);
        }
    }

    @Test
    void theTransactionEndpointChecksTheTokenStoresOnceAndKeepsMalformedEvents() throws Exception {
        String hsToken = StackEnvironment.require("WORKSPACE_MATRIX_HS_TOKEN");
        String txn = "it-txn-" + RUN;
        String body = """
                {"events":[
                  {"event_id":"$it-%1$s","room_id":"!nowhere:%2$s","sender":"@x:%2$s",
                   "type":"m.room.message","content":{"msgtype":"m.text","body":"hello"}},
                  {"event_id":42,"type":"m.room.message"}
                ]}""".formatted(RUN, MatrixStack.SERVER_NAME);

        assertThat(transaction(txn, body, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = transaction(txn, body, "Bearer wrong", null);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("M_FORBIDDEN");
        assertThat(transaction(txn, "{not json", "Bearer " + hsToken, null).statusCode()).isEqualTo(400);
        assertThat(transaction(txn, body, "Bearer " + hsToken, null).statusCode()).isEqualTo(200);
        // The legacy query parameter is accepted; the repeat stores nothing new.
        assertThat(transaction(txn, body.replace("hello", "changed"), null, hsToken).statusCode())
                .isEqualTo(200);

        Map<String, Object> stored = jdbc.sql("SELECT status, body FROM chat_event WHERE event_id = :id")
                .param("id", "$it-" + RUN).query().singleRow();
        assertThat(stored).containsEntry("STATUS", "IGNORED").containsEntry("BODY", "hello");
        assertThat(jdbc.sql("SELECT status FROM chat_event WHERE txn_id = :txn ORDER BY event_id")
                .param("txn", txn).query(String.class).list()).containsExactly("IGNORED", "MALFORMED");
        // The registration Synapse loaded (written by stack up) is the one the app generates.
        Map<String, Object> generated = new org.yaml.snakeyaml.Yaml().load(
                java.nio.file.Files.readString(registrationFile.file()));
        assertThat(generated).containsEntry("hs_token", hsToken)
                .containsEntry("as_token", StackEnvironment.require("WORKSPACE_MATRIX_AS_TOKEN"))
                .containsEntry("url", appUrl()).containsEntry("sender_localpart", "aw-bot");
        assertThat(generated.get("namespaces").toString()).contains("@aw_.*:" + MatrixStack.SERVER_NAME.replace(".", "\\."));
        assertThat(get("/_matrix/app/v1/users/@aw-bot:" + MatrixStack.SERVER_NAME, hsToken)).isEqualTo(200);
        assertThat(get("/_matrix/app/v1/users/@aw_nobody:" + MatrixStack.SERVER_NAME, hsToken)).isEqualTo(404);
        assertThat(get("/_matrix/app/v1/rooms/%23aw-dept-no-such-" + RUN + ":" + MatrixStack.SERVER_NAME,
                hsToken)).isEqualTo(404);
    }

    private RoomEvent threadAnswer(MatrixClient reader, String since, String roomId, String commandId) {
        Optional<RoomEvent> answer = MatrixStack.read(reader, since, roomId, SOON, messages ->
                messages.stream().anyMatch(m -> isThreadedUnder(m, commandId))).messages().stream()
                .filter(m -> isThreadedUnder(m, commandId)).findFirst();
        assertThat(answer).as("an answer threaded under " + commandId).isPresent();
        assertThat(answer.get().sender()).isEqualTo(rooms.botUserId());
        return answer.get();
    }

    private static boolean isThreadedUnder(RoomEvent message, String eventId) {
        return message.content().path("m.relates_to").path("rel_type").asText().equals("m.thread")
                && message.content().path("m.relates_to").path("event_id").asText().equals(eventId);
    }

    private MatrixClient loggedIn(String name) {
        String userId = MatrixUserId.of(name, MatrixStack.SERVER_NAME);
        Awaitility.await().atMost(SOON).until(() -> SYNAPSE.findUser(userId).isPresent());
        String password = "Chat-" + UUID.randomUUID();
        SYNAPSE.createOrUpdateUser(SynapseUserUpdate.of(userId).withPassword(password));
        return MatrixStack.login(name, password);
    }

    private static String person(String role) {
        String name = "it-chat-" + role + "-" + RUN;
        PEOPLE.add(name);
        return name;
    }

    private HttpResponse<String> transaction(String txn, String body, String authorization,
            String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appUrl()
                        + "/_matrix/app/v1/transactions/" + txn
                        + (accessToken == null ? "" : "?access_token=" + accessToken)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(appUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String appUrl() {
        return StackEnvironment.require("WORKSPACE_MATRIX_APPSERVICE_URL");
    }

    private HttpResponse<String> scim(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(appUrl() + path))
                .header("Authorization", "Bearer " + SCIM_TOKEN)
                .header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String scimUser(String userName, String department, String role, boolean active) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s", "name":{"givenName":"Mei","familyName":"Lin"},
                 "emails":[{"value":"%s@agency.test","primary":true}], "active":%s,
                 "roles":[{"value":"staff"},{"value":"%s"}],
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:User":
                   {"clearance":"unmarked","departments":["%s"],"displayNameZh":"林美"}}
                """.formatted(userName, userName, active, role, department);
    }
}
