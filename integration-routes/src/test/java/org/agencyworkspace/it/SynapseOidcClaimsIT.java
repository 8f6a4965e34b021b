package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.provisioning.KeycloakTarget;
import org.agencyworkspace.identity.provisioning.SynapseLocalpartMapping;
import org.agencyworkspace.support.ProvisioningStack;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The claims the real Keycloak issues to the {@code synapse} client (the one deploy/local creates
 * from deploy/synapse/keycloak-client.json) for people the workspace provisioned, run through
 * Synapse's own mapping code (its {@code JinjaOidcMappingProvider}, in the stack's venv) with the
 * shipped template, give the localpart {@code MatrixTarget} provisions, for logins with every
 * kind of character the workspace allows; the model {@code SynapseLocalpartMappingTest} uses
 * agrees with Synapse. And Keycloak refuses user names that Synapse would strip or escape into
 * someone else's (white space, {@code =}).
 */
class SynapseOidcClaimsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAP_WITH_SYNAPSE = """
            import asyncio, json, sys
            from synapse.handlers.oidc import JinjaOidcMappingProvider
            provider = JinjaOidcMappingProvider(
                JinjaOidcMappingProvider.parse_config({"localpart_template": sys.argv[1]}), None)
            claims = json.load(sys.stdin)
            print(json.dumps({name: asyncio.run(provider.map_user_attributes(user, None, 0))["localpart"]
                              for name, user in claims.items()}))
            """;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final KeycloakTestAdmin keycloak = new KeycloakTestAdmin();
    private final List<String> logins = List.of("map." + run, "007-" + run, "m_a-p." + run + "_",
            "z" + run + "x".repeat(57));

    @AfterEach
    void cleanUp() {
        logins.forEach(keycloak::deleteUser);
    }

    @Test
    void synapseMapsTheClaimsKeycloakIssuesOntoTheProvisionedMatrixId() throws Exception {
        KeycloakTarget target = new KeycloakTarget(ProvisioningStack.keycloak(), List.of("staff"),
                List.of("unmarked", "confidential", "secret", "top-secret"));
        String synapseClient = keycloak.clientUuid("synapse");
        Map<String, JsonNode> claims = new LinkedHashMap<>();
        for (String login : logins) {
            target.apply(IdentityChanges.Kind.JOIN, new IdentityDraft(login, null, "Mei", "Lin",
                    "Mei Lin", "林美", login + "@agency.test", null, List.of("it"), List.of("staff"),
                    "unmarked", true));
            JsonNode[] issued = keycloak.issuedClaims(synapseClient, login);
            claims.put(login + " id token", issued[0]);
            claims.put(login + " userinfo", issued[1]);
        }

        String template = SynapseLocalpartMapping.localStackTemplate();
        JsonNode bySynapse = runSynapse(template, claims);
        for (Map.Entry<String, JsonNode> issued : claims.entrySet()) {
            String login = issued.getKey().substring(0, issued.getKey().indexOf(' '));
            String localpart = bySynapse.get(issued.getKey()).asText();
            assertThat("@" + localpart + ":" + ProvisioningStack.SERVER_NAME).as(issued.getKey())
                    .isEqualTo(MatrixUserId.of(login, ProvisioningStack.SERVER_NAME));
            @SuppressWarnings("unchecked")
            Map<String, Object> asMap = JSON.convertValue(issued.getValue(), Map.class);
            assertThat(SynapseLocalpartMapping.localpart(template, asMap)).isEqualTo(localpart);
        }
    }

    @Test
    void keycloakRefusesUserNamesSynapseWouldStripOrEscape() {
        for (String username : List.of(" lead" + run, "trail" + run + " ", "in side" + run,
                "\ttab" + run, "eq=" + run)) {
            assertThat(keycloak.tryCreateUser(username)).as("'%s'", username).isEqualTo(400);
        }
    }

    private static JsonNode runSynapse(String template, Map<String, JsonNode> claims) throws Exception {
        Process python = new ProcessBuilder(StackEnvironment.require("WORKSPACE_SYNAPSE_PYTHON"),
                "-c", MAP_WITH_SYNAPSE, template).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = python.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(claims));
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(out).isZero();
        return JSON.readTree(out);
    }
}
