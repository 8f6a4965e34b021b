package org.agencyworkspace.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.agencyworkspace.connector.ConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Matrix Application Service API the homeserver calls ({@code /_matrix/app/v1}). Every call
 * must carry the {@code hs_token} (Authorization: Bearer, or the legacy {@code access_token}
 * query parameter): none is 401 {@code M_UNAUTHORIZED}, a wrong one 403 {@code M_FORBIDDEN}.
 * A transaction's events are stored before the 200 answer and acted on by {@link ChatEventRoutes};
 * a transaction id seen before is answered 200 without storing anything again.
 */
@RestController
@RequestMapping(path = "/_matrix/app/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class AppServiceController {

    private static final Logger LOG = LoggerFactory.getLogger(AppServiceController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatProperties chat;
    private final ChatInbox inbox;
    private final ObjectProvider<ChatRooms> rooms;
    private final ObjectProvider<ChatCommands> commands;

    public AppServiceController(ChatProperties chat, ChatInbox inbox, ObjectProvider<ChatRooms> rooms,
            ObjectProvider<ChatCommands> commands) {
        this.chat = chat;
        this.inbox = inbox;
        this.rooms = rooms;
        this.commands = commands;
    }

    @PutMapping("/transactions/{txnId}")
    public ResponseEntity<JsonNode> transaction(@PathVariable String txnId,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return refusal(request).orElseGet(() -> store(txnId, body));
    }

    private ResponseEntity<JsonNode> store(String txnId, byte[] body) {
        if (txnId.length() > 255) {
            return error(HttpStatus.BAD_REQUEST, "M_INVALID_PARAM", "transaction id too long");
        }
        JsonNode document;
        try {
            document = body == null ? null : JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (java.io.IOException notJson) {
            return error(HttpStatus.BAD_REQUEST, "M_NOT_JSON", "the body is not JSON");
        }
        if (document == null || !document.isObject()
                || (document.has("events") && !document.get("events").isArray())) {
            return error(HttpStatus.BAD_REQUEST, "M_BAD_JSON", "expected {\"events\": [...]}");
        }
        JsonNode events = document.has("events") ? document.get("events") : JSON.createArrayNode();
        ChatCommands known = commands.getIfAvailable();
        boolean stored = inbox.receive(txnId, events,
                event -> known != null && known.isActionable(event));
        LOG.debug("Transaction {}: {} events{}", txnId, events.size(), stored ? "" : " (repeat)");
        return ResponseEntity.ok(JSON.createObjectNode());
    }

    /** Only the bot exists in the user namespace; namespaced users are registered by the app itself. */
    @GetMapping("/users/{userId}")
    public ResponseEntity<JsonNode> user(@PathVariable String userId, HttpServletRequest request) {
        return refusal(request).orElseGet(() -> userQuery(userId));
    }

    private ResponseEntity<JsonNode> userQuery(String userId) {
        ChatRooms known = rooms.getIfAvailable();
        return known != null && known.botUserId().equals(userId)
                ? ResponseEntity.ok(JSON.createObjectNode())
                : error(HttpStatus.NOT_FOUND, "M_NOT_FOUND", "no such user");
    }

    /** A department room alias ({@code #aw-dept-<code>}) of an existing department is created on demand. */
    @GetMapping("/rooms/{alias}")
    public ResponseEntity<JsonNode> room(@PathVariable String alias, HttpServletRequest request) {
        return refusal(request).orElseGet(() -> roomQuery(alias));
    }

    private ResponseEntity<JsonNode> roomQuery(String alias) {
        ChatRooms known = rooms.getIfAvailable();
        int colon = alias.indexOf(':');
        if (known == null || !alias.startsWith("#") || colon < 2) {
            return error(HttpStatus.NOT_FOUND, "M_NOT_FOUND", "no such room");
        }
        Optional<String> department = known.departmentOfAlias(alias.substring(1, colon));
        OrgChart chart = known.orgChart();
        if (department.isEmpty() || chart.departmentName(department.get()).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "M_NOT_FOUND", "no such room");
        }
        try {
            known.createDepartmentRoomOnQuery(department.get());
            return ResponseEntity.ok(JSON.createObjectNode());
        } catch (ConnectorException e) {
            LOG.warn("Could not create the room for {}: {}", alias, e.getMessage());
            return error(HttpStatus.NOT_FOUND, "M_NOT_FOUND", "room could not be created now");
        }
    }

    @PostMapping("/ping")
    public ResponseEntity<JsonNode> ping(HttpServletRequest request) {
        return refusal(request).orElseGet(() -> ResponseEntity.ok(JSON.createObjectNode()));
    }

    private Optional<ResponseEntity<JsonNode>> refusal(HttpServletRequest request) {
        if (!chat.isEnabled() || chat.hsToken() == null || chat.hsToken().isBlank()) {
            return Optional.of(error(HttpStatus.NOT_FOUND, "M_UNRECOGNIZED",
                    "the application service is not configured"));
        }
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : request.getParameter("access_token");
        if (token == null || token.isEmpty()) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "M_UNAUTHORIZED", "hs_token required"));
        }
        if (!MessageDigest.isEqual(digest(token), digest(chat.hsToken()))) {
            return Optional.of(error(HttpStatus.FORBIDDEN, "M_FORBIDDEN", "wrong hs_token"));
        }
        return Optional.empty();
    }

    private static ResponseEntity<JsonNode> error(HttpStatus status, String errcode, String text) {
        ObjectNode body = JSON.createObjectNode().put("errcode", errcode).put("error", text);
        return ResponseEntity.status(status).body(body);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

}
