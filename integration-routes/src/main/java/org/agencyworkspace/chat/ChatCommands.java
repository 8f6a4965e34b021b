package org.agencyworkspace.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.RoomMessage;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.directory.StaffDirectory.StaffMember;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetterListener;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on what people send the bot: accepts invitations to rooms, and runs {@code !commands}.
 * For a command it maps the sender's Matrix id to an enabled workspace user (refusing anyone
 * else), finds the command (an unknown one gets a hint to {@code !help}), checks the role it
 * needs, runs it, answers in a thread under the command, and audits the outcome either way.
 */
public class ChatCommands implements DeadLetterListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCommands.class);
    static final String AUDIT_ACTION = "chat.command";

    private final Map<String, ChatCommand> commands = new TreeMap<>();
    private final MatrixClient bot;
    private final ChatRooms rooms;
    private final ChatInbox inbox;
    private final StaffDirectory directory;
    private final NotificationTemplates texts;
    private final AuditTrail audit;
    private final Locale defaultLocale;

    public ChatCommands(List<ChatCommand> commands, MatrixClient bot, ChatRooms rooms,
            ChatInbox inbox, StaffDirectory directory, NotificationTemplates texts,
            AuditTrail audit, WorkspaceProperties workspace) {
        for (ChatCommand command : commands) {
            if (!command.name().matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalStateException("chat command name must be lower-case: " + command.name());
            }
            ChatCommand clash = this.commands.putIfAbsent(command.name(), command);
            if (clash != null) {
                throw new IllegalStateException("two chat commands are named " + command.name()
                        + ": " + clash.getClass().getName() + " and " + command.getClass().getName());
            }
        }
        this.bot = bot;
        this.rooms = rooms;
        this.inbox = inbox;
        this.directory = directory;
        this.texts = texts;
        this.audit = audit;
        this.defaultLocale = workspace.defaultLocale();
    }

    /** Every command, by name. */
    public List<ChatCommand> all() {
        return List.copyOf(commands.values());
    }

    /**
     * Whether a received event is for the bot to act on: a {@code !command} message from
     * someone else, or an invitation of the bot to a room.
     */
    public boolean isActionable(JsonNode event) {
        String type = event.path("type").asText();
        String sender = event.path("sender").asText();
        if (sender.equals(rooms.botUserId())) {
            return false;
        }
        if ("m.room.message".equals(type)) {
            JsonNode body = event.path("content").path("body");
            return body.isTextual() && body.asText().stripLeading().startsWith("!");
        }
        return "m.room.member".equals(type)
                && rooms.botUserId().equals(event.path("state_key").asText())
                && "invite".equals(event.path("content").path("membership").asText());
    }

    /** Acts on one stored event; nothing happens for an event no longer pending. */
    public void process(String eventId) {
        Optional<ChatInbox.StoredEvent> found = inbox.find(eventId);
        if (found.isEmpty() || found.get().status() != ChatInbox.Status.PENDING) {
            return;
        }
        ChatInbox.StoredEvent event = found.get();
        try {
            if ("m.room.member".equals(event.type())) {
                bot.join(event.roomId());
            } else {
                run(event);
            }
        } catch (RuntimeException e) {
            LOG.warn("Chat event {} in {} not handled yet: {}", eventId, event.roomId(), e.toString());
            throw e;
        }
        inbox.markDone(eventId);
    }

    private void run(ChatInbox.StoredEvent event) {
        String text = event.body().strip();
        String[] words = text.substring(1).split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String argumentText = words.length > 1 ? words[1].strip() : "";
        List<String> arguments = argumentText.isEmpty() ? List.of()
                : Arrays.asList(argumentText.split("\\s+"));

        Optional<StaffMember> member = rooms.loginOf(event.sender()).flatMap(directory::find)
                .filter(StaffMember::enabled);
        if (member.isEmpty()) {
            conclude(event, name, null, false, "sender not mapped to an enabled workspace user",
                    texts.text("chat.reply.unmapped", Map.of("sender", event.sender()),
                            defaultLocale));
            return;
        }
        String login = member.get().login();
        Locale locale = member.get().preferredLocale().orElse(defaultLocale);
        ChatCommand command = commands.get(name);
        if (command == null) {
            conclude(event, name, login, false, "unknown command",
                    texts.text("chat.reply.unknown", Map.of("command", name), locale));
            return;
        }
        if (command.requiredRole() != null
                && !directory.membersOf(command.requiredRole()).contains(login)) {
            conclude(event, name, login, false, "role " + command.requiredRole() + " required",
                    texts.text("chat.reply.role",
                            Map.of("command", name, "role", command.requiredRole()), locale));
            return;
        }
        CommandResult result = command.handle(new CommandContext(login, event.sender(),
                event.roomId(), event.eventId(), arguments, argumentText, locale));
        conclude(event, name, login, result.success(), result.success() ? null : result.text(),
                result.text());
    }

    /**
     * Audits the outcome, then answers: whoever reads the answer can already find the record
     * (answering first let a reader of the thread look in the trail before it was written).
     */
    private void conclude(ChatInbox.StoredEvent event, String command, String login,
            boolean success, String reason, String text) {
        audit(event, command, login, success, reason);
        answer(event, text);
    }

    /** In a thread under the command; the reply's transaction id makes a repeat post nothing new. */
    private void answer(ChatInbox.StoredEvent event, String text) {
        bot.send(event.roomId(), "reply." + event.eventId(),
                RoomMessage.notice(text).inThread(event.eventId()));
    }

    private void audit(ChatInbox.StoredEvent event, String command, String login, boolean success,
            String reason) {
        AuditEvent.Builder record = AuditEvent.of(AUDIT_ACTION, "process")
                .actor(login != null ? login : "matrix:" + event.sender(),
                        login != null ? login : event.sender())
                .target("chat-command", command)
                .details(Map.of("room", event.roomId(), "event", event.eventId(),
                        "sender", event.sender()));
        audit.record((success ? record.success() : record.failure(reason)).build());
    }

    /** The command route gave up on an event: take it out of the queue, keeping the reason. */
    @Override
    public void deadLettered(String routeId, String body, String reason) {
        if (ChatEventRoutes.PROCESS_ROUTE_ID.equals(routeId) && body != null) {
            inbox.markFailed(body, reason);
            LOG.warn("Chat event {} given up: {}", body, reason);
        }
    }
}
