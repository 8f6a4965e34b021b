package org.agencyworkspace.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.connector.matrix.RoomSpec;
import org.agencyworkspace.platform.messaging.Recipient;

/**
 * The rooms the bot keeps, each found by an alias in the workspace's exclusive namespace, so a
 * room is created once and found again after a restart or a lost database: a Space for the
 * agency, a room per department ({@code #aw-dept-<code>}), the security room
 * ({@code #aw-security}), a direct room per person ({@code #aw-dm-<login>}) and any named room
 * ({@code #aw-room-<name>}). Every room is invite-only and unencrypted: it carries notices with
 * titles and links only (see the operator guide, "Chat (Matrix)").
 */
public class ChatRooms {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatrixClient bot;
    private final String serverName;
    private final ChatProperties chat;
    private final OrgChart orgChart;
    private final Map<String, String> roomIdsByAlias = new ConcurrentHashMap<>();

    public ChatRooms(MatrixClient bot, String serverName, ChatProperties chat, OrgChart orgChart) {
        this.bot = bot;
        this.serverName = serverName;
        this.chat = chat;
        this.orgChart = orgChart;
    }

    public OrgChart orgChart() {
        return orgChart;
    }

    /** The Matrix user id of a workspace login ({@code @login:server}), as provisioning makes it. */
    public String userId(String login) {
        return MatrixUserId.of(login, serverName);
    }

    /** The workspace login of a local Matrix user, if the id is one of this homeserver's. */
    public Optional<String> loginOf(String matrixUserId) {
        String suffix = ":" + serverName;
        if (matrixUserId == null || !matrixUserId.startsWith("@") || !matrixUserId.endsWith(suffix)) {
            return Optional.empty();
        }
        return Optional.of(matrixUserId.substring(1, matrixUserId.length() - suffix.length()));
    }

    public String botUserId() {
        return "@" + chat.botLocalpart() + ":" + serverName;
    }

    /** The agency's Space. */
    public String space() {
        return ensure(chat.aliasPrefix() + "agency", () -> RoomSpec.privateRoom(chat.agencyName(),
                chat.aliasPrefix() + "agency").asSpace(), false);
    }

    /** The department's room, created (and added to the Space) on first use. */
    public String departmentRoom(String code) {
        String alias = departmentAlias(code);
        return ensure(alias, () -> RoomSpec.privateRoom(
                orgChart.departmentName(code).orElse(code), alias)
                .withTopic("Notices for " + code + " · titles and links only"), true);
    }

    /**
     * Creates the department's room for the homeserver's alias query, without looking the alias
     * up first: Synapse asks us about an alias in our namespace only when it has no room for it,
     * and a lookup from inside that query would ask us again.
     */
    public String createDepartmentRoomOnQuery(String code) {
        String alias = departmentAlias(code);
        String roomId = bot.createRoom(RoomSpec.privateRoom(
                orgChart.departmentName(code).orElse(code), alias)
                .withTopic("Notices for " + code + " · titles and links only"));
        roomIdsByAlias.put(alias, roomId);
        addToSpace(roomId);
        return roomId;
    }

    /** The department's room if it exists already; nothing is created. */
    public Optional<String> existingDepartmentRoom(String code) {
        return existing(departmentAlias(code));
    }

    /** Whether {@code aliasLocalpart} names a department room, and which department. */
    public Optional<String> departmentOfAlias(String aliasLocalpart) {
        String prefix = chat.aliasPrefix() + "dept-";
        return aliasLocalpart.startsWith(prefix) && aliasLocalpart.length() > prefix.length()
                ? Optional.of(aliasLocalpart.substring(prefix.length())) : Optional.empty();
    }

    /** The security room, where the audit's alerts go. */
    public String securityRoom() {
        String alias = chat.aliasPrefix() + "security";
        return ensure(alias, () -> RoomSpec.privateRoom("Security alerts 資安警示", alias)
                .withTopic("Security alerts · titles and links only"), true);
    }

    /**
     * The person's direct room with the bot; they are invited unless they are in it already (an
     * invitation refused for want of a Matrix account is retried on the next message).
     *
     * @throws org.agencyworkspace.connector.PermanentConnectorException when the person has no
     *     Matrix account to invite
     */
    public String directRoom(String login) {
        String alias = chat.aliasPrefix() + "dm-" + safe(login);
        String roomId = ensure(alias, () -> RoomSpec.privateRoom("Agency Workspace", alias)
                .asDirect(), false);
        bot.invite(roomId, userId(login), null);
        return roomId;
    }

    /**
     * The room a {@link Recipient.Kind#ROOM} message goes to: a Matrix room id ({@code !…}) or
     * alias ({@code #…}) as given, the security room by its configured name, else a named room.
     */
    public String namedRoom(String name) {
        if (name.startsWith("!")) {
            return name;
        }
        if (name.startsWith("#")) {
            return existingAlias(name).orElseThrow(
                    () -> new IllegalArgumentException("no Matrix room has the alias " + name));
        }
        if (name.equals(chat.securityRoom())) {
            return securityRoom();
        }
        String alias = chat.aliasPrefix() + "room-" + safe(name);
        return ensure(alias, () -> RoomSpec.privateRoom(name, alias), true);
    }

    private String departmentAlias(String code) {
        return chat.aliasPrefix() + "dept-" + safe(code);
    }

    private Optional<String> existing(String aliasLocalpart) {
        String cached = roomIdsByAlias.get(aliasLocalpart);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = existingAlias("#" + aliasLocalpart + ":" + serverName);
        found.ifPresent(roomId -> roomIdsByAlias.put(aliasLocalpart, roomId));
        return found;
    }

    private Optional<String> existingAlias(String alias) {
        return bot.resolveAlias(alias);
    }

    private String ensure(String aliasLocalpart, java.util.function.Supplier<RoomSpec> spec,
            boolean inSpace) {
        Optional<String> found = existing(aliasLocalpart);
        if (found.isPresent()) {
            return found.get();
        }
        String roomId;
        try {
            roomId = bot.createRoom(spec.get());
        } catch (PermanentConnectorException refused) {
            // Another delivery created it between our look and our create (M_ROOM_IN_USE).
            roomId = existing(aliasLocalpart).orElseThrow(() -> refused);
        }
        roomIdsByAlias.put(aliasLocalpart, roomId);
        if (inSpace) {
            addToSpace(roomId);
        }
        return roomId;
    }

    private void addToSpace(String roomId) {
        String space = space();
        ObjectNode via = JSON.createObjectNode();
        via.putArray("via").add(serverName);
        bot.putState(space, "m.space.child", roomId, via);
        ObjectNode parent = JSON.createObjectNode().put("canonical", true);
        parent.putArray("via").add(serverName);
        bot.putState(roomId, "m.space.parent", space, parent);
    }

    /** Alias localparts allow only a few characters; codes and logins are lower-cased and mapped. */
    static String safe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._=-]", "_");
    }
}
