package org.agencyworkspace.security.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.agencyworkspace.connector.keycloak.KeycloakEvent;
import org.agencyworkspace.connector.keycloak.KeycloakEvent.Kind;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.Test;

/** Keycloak 26 event shapes (as its admin REST answers them) and broken ones. */
class KeycloakEventMapperTest {

    private final KeycloakEventMapper mapper = new KeycloakEventMapper(new ObjectMapper());

    @Test
    void aFailedLoginBecomesLoginFailureWithTheLoginNameAndAddress() {
        AuditEvent event = mapper.map(new KeycloakEvent(Kind.USER, "e-1", 1764201600000L, """
                {"id":"e-1","time":1764201600000,"type":"LOGIN_ERROR","realmId":"r1","clientId":"portal",
                 "userId":"8f0c","ipAddress":"203.0.113.9","error":"invalid_user_credentials",
                 "details":{"auth_method":"openid-connect","username":"alice"}}"""));

        assertThat(event.action()).isEqualTo("login.failure");
        assertThat(event.category()).isEqualTo("authentication");
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(event.actor().id()).isEqualTo("alice");
        assertThat(event.source().ip()).isEqualTo("203.0.113.9");
        assertThat(event.reason()).isEqualTo("invalid_user_credentials");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1764201600000L));
        assertThat(event.details()).containsEntry("keycloakUserId", "8f0c").containsEntry("clientId", "portal")
                .doesNotContainKey("parse_error");
        assertThat(event.id()).isEqualTo(KeycloakEventMapper.auditId(
                new KeycloakEvent(Kind.USER, "e-1", 0, "{}")));
    }

    @Test
    void anAdminEventNamesTheOperationAndResource() {
        AuditEvent event = mapper.map(new KeycloakEvent(Kind.ADMIN, "a-1", 1764201600000L, """
                {"id":"a-1","time":1764201600000,"realmId":"r1","operationType":"UPDATE","resourceType":"USER",
                 "resourcePath":"users/8f0c","authDetails":{"realmId":"master","clientId":"admin-cli",
                 "userId":"admin-1","ipAddress":"127.0.0.1"}}"""));

        assertThat(event.action()).isEqualTo("keycloak.admin.update");
        assertThat(event.actor().id()).isEqualTo("admin-1");
        assertThat(event.target().type()).isEqualTo("user");
        assertThat(event.target().id()).isEqualTo("users/8f0c");
    }

    @Test
    void unknownTypesAndUnreadableEventsAreKeptWithAParseError() {
        AuditEvent unknown = mapper.map(new KeycloakEvent(Kind.USER, "e-2", 1764201600000L,
                "{\"id\":\"e-2\",\"time\":1764201600000,\"type\":\"TELEPORT\",\"userId\":\"u\"}"));
        AuditEvent broken = mapper.map(new KeycloakEvent(Kind.USER, null, -1, "{\"type\":"));
        AuditEvent noType = mapper.map(new KeycloakEvent(Kind.USER, "e-3", 5, "{\"id\":\"e-3\",\"time\":5}"));

        assertThat(unknown.action()).isEqualTo("keycloak.teleport");
        assertThat(unknown.details()).containsEntry("parse_error", "unknown event type TELEPORT");
        assertThat(broken.action()).isEqualTo("keycloak.unparsed");
        assertThat(broken.details()).containsEntry("raw", "{\"type\":").containsKey("parse_error");
        assertThat(noType.details()).containsEntry("parse_error", "no event type");
        assertThat(broken.id()).isNotEqualTo(noType.id());
    }
}
