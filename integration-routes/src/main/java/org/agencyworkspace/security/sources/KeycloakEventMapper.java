package org.agencyworkspace.security.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.agencyworkspace.connector.keycloak.KeycloakEvent;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditRow;

/**
 * Keycloak's user and admin events as audit events. Logins become {@code login.success} and
 * {@code login.failure} with the login name as {@code user.id} (as the workspace's own logins),
 * so the same detection rules count both; other user events become {@code keycloak.<type>},
 * admin events {@code keycloak.admin.<operation>}. An event that cannot be read, or whose type is
 * not one Keycloak 26 documents, is stored anyway: action {@code keycloak.unparsed} or its own,
 * tagged {@code parse_error}, with Keycloak's text in the details.
 */
final class KeycloakEventMapper {

    /** Audit event ids are derived from Keycloak's, so an event imported twice is one row. */
    static String auditId(KeycloakEvent event) {
        String key = event.id() != null ? event.id() : sha(event.json());
        return UUID.nameUUIDFromBytes(("keycloak:" + event.kind() + ":" + key)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static final Set<String> KNOWN_TYPES = Set.of("LOGIN", "LOGIN_ERROR", "LOGOUT",
            "LOGOUT_ERROR", "CODE_TO_TOKEN", "CODE_TO_TOKEN_ERROR", "REFRESH_TOKEN",
            "REFRESH_TOKEN_ERROR", "CLIENT_LOGIN", "CLIENT_LOGIN_ERROR", "REGISTER", "REGISTER_ERROR",
            "UPDATE_PASSWORD", "UPDATE_PASSWORD_ERROR", "UPDATE_TOTP", "UPDATE_TOTP_ERROR",
            "REMOVE_TOTP", "REMOVE_TOTP_ERROR", "UPDATE_CREDENTIAL", "UPDATE_CREDENTIAL_ERROR",
            "REMOVE_CREDENTIAL", "REMOVE_CREDENTIAL_ERROR", "UPDATE_PROFILE", "UPDATE_PROFILE_ERROR",
            "UPDATE_EMAIL", "UPDATE_EMAIL_ERROR", "VERIFY_EMAIL", "VERIFY_EMAIL_ERROR",
            "SEND_RESET_PASSWORD", "SEND_RESET_PASSWORD_ERROR", "RESET_PASSWORD",
            "RESET_PASSWORD_ERROR", "INTROSPECT_TOKEN", "INTROSPECT_TOKEN_ERROR", "TOKEN_EXCHANGE",
            "TOKEN_EXCHANGE_ERROR", "GRANT_CONSENT", "REVOKE_GRANT", "USER_INFO_REQUEST",
            "USER_INFO_REQUEST_ERROR", "USER_DISABLED_BY_PERMANENT_LOCKOUT",
            "USER_DISABLED_BY_TEMPORARY_LOCKOUT", "IDENTITY_PROVIDER_LOGIN",
            "IDENTITY_PROVIDER_LOGIN_ERROR", "EXECUTE_ACTIONS", "EXECUTE_ACTIONS_ERROR",
            "AUTHREQID_TO_TOKEN", "AUTHREQID_TO_TOKEN_ERROR", "CLIENT_INITIATED_ACCOUNT_LINKING",
            "PERMISSION_TOKEN", "DELETE_ACCOUNT", "DELETE_ACCOUNT_ERROR");
    private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "ACTION");

    private final ObjectMapper json;

    KeycloakEventMapper(ObjectMapper json) {
        this.json = json;
    }

    AuditEvent map(KeycloakEvent event) {
        String id = auditId(event);
        JsonNode node;
        try {
            node = json.readTree(event.json());
        } catch (JsonProcessingException e) {
            return unparsed(id, event, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || event.time() < 0) {
            return unparsed(id, event, "no event time");
        }
        return event.kind() == KeycloakEvent.Kind.USER ? user(id, event, node) : admin(id, event, node);
    }

    private AuditEvent user(String id, KeycloakEvent event, JsonNode node) {
        String type = text(node, "type");
        if (type == null) {
            return unparsed(id, event, "no event type");
        }
        JsonNode details = node.path("details");
        String userName = text(details, "username");
        String userId = text(node, "userId");
        String error = text(node, "error");
        boolean failed = type.endsWith("_ERROR") || error != null;
        String action = switch (type) {
            case "LOGIN" -> "login.success";
            case "LOGIN_ERROR" -> "login.failure";
            case "LOGOUT" -> "logout";
            default -> "keycloak." + type.toLowerCase(Locale.ROOT).replace('_', '-');
        };
        Map<String, String> facts = new HashMap<>();
        facts.put("source", "keycloak");
        facts.put("keycloakEventId", event.id() == null ? "" : event.id());
        put(facts, "keycloakUserId", userId);
        put(facts, "clientId", text(node, "clientId"));
        put(facts, "sessionId", text(node, "sessionId"));
        put(facts, "realm", text(node, "realmId"));
        details.fields().forEachRemaining(field -> put(facts, "kc." + field.getKey(), field.getValue().asText()));
        if (!KNOWN_TYPES.contains(type)) {
            facts.put(AuditRow.PARSE_ERROR_DETAIL, "unknown event type " + type);
        }
        String actor = userName != null ? userName : userId != null ? userId : "unknown";
        return new AuditEvent(id, Instant.ofEpochMilli(event.time()), action,
                type.startsWith("LOGIN") || type.startsWith("LOGOUT") || type.startsWith("CLIENT_LOGIN")
                        ? "authentication" : "iam",
                failed ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS,
                new AuditEvent.Actor(actor, userName), null, source(text(node, "ipAddress")), error,
                null, facts);
    }

    private AuditEvent admin(String id, KeycloakEvent event, JsonNode node) {
        String operation = text(node, "operationType");
        if (operation == null) {
            return unparsed(id, event, "no operation type");
        }
        JsonNode auth = node.path("authDetails");
        String actor = text(auth, "userId");
        String resourceType = text(node, "resourceType");
        String path = text(node, "resourcePath");
        Map<String, String> facts = new HashMap<>();
        facts.put("source", "keycloak");
        facts.put("keycloakEventId", event.id() == null ? "" : event.id());
        put(facts, "clientId", text(auth, "clientId"));
        put(facts, "realm", text(node, "realmId"));
        if (!OPERATIONS.contains(operation)) {
            facts.put(AuditRow.PARSE_ERROR_DETAIL, "unknown operation type " + operation);
        }
        String error = text(node, "error");
        return new AuditEvent(id, Instant.ofEpochMilli(event.time()),
                "keycloak.admin." + operation.toLowerCase(Locale.ROOT), "iam",
                error == null ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                new AuditEvent.Actor(actor == null ? "unknown" : actor, null),
                path == null ? null : new AuditEvent.Target(
                        resourceType == null ? "keycloak" : resourceType.toLowerCase(Locale.ROOT), path, null),
                source(text(auth, "ipAddress")), error, null, facts);
    }

    private static AuditEvent unparsed(String id, KeycloakEvent event, String why) {
        return new AuditEvent(id, event.time() < 0 ? Instant.now() : Instant.ofEpochMilli(event.time()),
                "keycloak.unparsed", "process", AuditEvent.Outcome.UNKNOWN, AuditEvent.Actor.SYSTEM,
                null, null, why, null,
                Map.of(AuditRow.PARSE_ERROR_DETAIL, why, "source", "keycloak",
                        "kind", event.kind().name(), "raw", event.json()));
    }

    private static AuditEvent.Source source(String ip) {
        return ip == null ? null : new AuditEvent.Source(ip, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static void put(Map<String, String> facts, String key, String value) {
        if (value != null) {
            facts.put(key, value);
        }
    }

    private static String sha(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
