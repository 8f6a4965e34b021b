package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's own mails (password reset and the other required actions) through SMTP, on the real
 * Keycloak of {@code deploy/local}: the test points the realm's SMTP settings at a GreenMail it
 * starts on a free port, has Keycloak mail a reset link through its admin API
 * ({@code execute-actions-email}), reads the mail as GreenMail received it, and puts the realm's
 * settings back. The realm file's own settings (SMTP, password policy, reset on) are checked too.
 */
class KeycloakMailIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final KeycloakTestAdmin keycloak = new KeycloakTestAdmin();
    private GreenMail smtp;
    private JsonNode smtpBefore;

    @BeforeEach
    void pointTheRealmAtGreenMail() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig());
        smtp.start();
        JsonNode realm = keycloak.realmSettings();
        smtpBefore = realm.has("smtpServer") ? realm.get("smtpServer") : JSON.createObjectNode();
        keycloak.updateRealm(Map.of("smtpServer", Map.of("host", "127.0.0.1",
                "port", String.valueOf(smtp.getSmtp().getPort()), "from", "keycloak@agency.test",
                "fromDisplayName", "Agency sign-in", "auth", "false", "ssl", "false", "starttls", "false")));
    }

    @AfterEach
    void restore() {
        keycloak.deleteUser("mail-" + run);
        @SuppressWarnings("unchecked")
        Map<String, Object> before = JSON.convertValue(smtpBefore, LinkedHashMap.class);
        keycloak.updateRealm(Map.of("smtpServer", before));
        smtp.stop();
    }

    @Test
    void aPasswordResetLinkIsMailedThroughTheRealmsSmtpServer() throws Exception {
        String login = "mail-" + run;
        keycloak.importUser(login, "It-Password-" + run + "-2026", "12345678901234567890",
                "unmarked", List.of("it"), List.of("staff"));

        assertThat(keycloak.executeActionsEmail(login, List.of("UPDATE_PASSWORD"))).isEqualTo(204);

        assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(login + "@agency.test");
        assertThat(mail.getFrom()[0].toString()).contains("keycloak@agency.test");
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        assertThat(body).contains(keycloak.issuer() + "/login-actions/action-token?key=");
    }

    @Test
    void theRealmFileTurnsResetOnWithAPolicyAndMailSettings() throws Exception {
        JsonNode realm = JSON.readTree(StackEnvironment.repositoryRoot()
                .resolve("deploy/keycloak/agency-realm.json").toFile());
        assertThat(realm.get("resetPasswordAllowed").asBoolean()).isTrue();
        assertThat(realm.get("verifyEmail").asBoolean()).isFalse();
        String policy = realm.get("passwordPolicy").asText();
        assertThat(policy).contains("length(12)", "notUsername", "notEmail", "passwordHistory(5)");
        assertThat(realm.get("smtpServer").get("host").asText()).isNotBlank();
        assertThat(realm.get("smtpServer").get("from").asText()).contains("@");
    }
}
