package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.connector.nextcloud.NewNextcloudUser;
import org.agencyworkspace.connector.nextcloud.NextcloudProvisioning;
import org.agencyworkspace.connector.nextcloud.UserCreation;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.provisioning.KeycloakTarget;
import org.agencyworkspace.identity.provisioning.NextcloudTarget;
import org.agencyworkspace.support.ProvisioningStack;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nextcloud's OIDC sign-in and the workspace's Nextcloud provisioning agree on the account. A
 * person is provisioned to the real Keycloak by the workspace's own {@link KeycloakTarget}; the
 * Nextcloud client of {@code deploy/nextcloud/keycloak-client.json} is created in the realm; the
 * claims the real Keycloak issues for that person to that client, read through the mapping in
 * {@code deploy/nextcloud/user_oidc.sh}, give exactly the user id, display name, e-mail, quota and
 * groups that {@link NextcloudTarget} sends to Nextcloud for the same person. (Nextcloud itself
 * does not run here: its side of the mapping is user_oidc's documented options.)
 */
class NextcloudOidcClaimsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MAPPING = Pattern.compile("--mapping-([a-z-]+)=([A-Za-z_]+)");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final KeycloakTestAdmin keycloak = new KeycloakTestAdmin();
    private String clientId;

    @AfterEach
    void cleanUp() {
        keycloak.deleteUser("nc-" + run);
        if (clientId != null) {
            keycloak.deleteClient(clientId);
        }
    }

    @Test
    void theClaimsKeycloakIssuesMapToTheAccountTheWorkspaceProvisions() throws Exception {
        IdentityDraft person = new IdentityDraft("nc-" + run, null, "Mei", "Lin", "Mei Lin", "林美",
                "nc-" + run + "@agency.test", null, List.of("it", "general-affairs"), List.of("staff"),
                "unmarked", true);
        new KeycloakTarget(ProvisioningStack.keycloak(), List.of("staff"),
                List.of("unmarked", "confidential", "secret", "top-secret"))
                .apply(IdentityChanges.Kind.JOIN, person);

        @SuppressWarnings("unchecked")
        Map<String, Object> client = JSON.readValue(StackEnvironment.repositoryRoot()
                .resolve("deploy/nextcloud/keycloak-client.json").toFile(), Map.class);
        client.put("clientId", "nextcloud-it-" + run);
        clientId = keycloak.createClient(client);
        JsonNode[] issued = keycloak.issuedClaims(clientId, person.userName());

        Map<String, String> mapping = mapping();
        assertThat(mapping).containsOnlyKeys("uid", "display-name", "email", "quota", "groups");
        NewNextcloudUser provisioned = provisionedByTheWorkspace(person, "5 GB");
        for (JsonNode claims : issued) {
            assertThat(claims.get(mapping.get("uid")).asText()).isEqualTo(provisioned.userId());
            assertThat(claims.get(mapping.get("display-name")).asText()).isEqualTo(provisioned.displayName());
            assertThat(claims.get(mapping.get("email")).asText()).isEqualTo(provisioned.email());
            assertThat(claims.get(mapping.get("quota")).asText()).isEqualTo(provisioned.quota());
            List<String> groups = new ArrayList<>();
            claims.get(mapping.get("groups")).forEach(group -> groups.add(group.asText()));
            assertThat(groups).containsExactlyInAnyOrderElementsOf(provisioned.groups());
        }
    }

    /** The --mapping-* options of the shipped occ script. */
    private static Map<String, String> mapping() throws Exception {
        String script = Files.readString(StackEnvironment.repositoryRoot().resolve("deploy/nextcloud/user_oidc.sh"));
        assertThat(script).contains("--unique-uid=0");
        Map<String, String> mapping = new HashMap<>();
        Matcher matcher = MAPPING.matcher(script);
        while (matcher.find()) {
            mapping.put(matcher.group(1), matcher.group(2));
        }
        return mapping;
    }

    /** What the workspace's Nextcloud provisioning creates for the person, recorded at the OCS seam. */
    private static NewNextcloudUser provisionedByTheWorkspace(IdentityDraft person, String quota) {
        List<NewNextcloudUser> created = new ArrayList<>();
        NextcloudProvisioning recorder = (NextcloudProvisioning) Proxy.newProxyInstance(
                NextcloudProvisioning.class.getClassLoader(), new Class<?>[] {NextcloudProvisioning.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("createUser")) {
                        created.add((NewNextcloudUser) arguments[0]);
                        return UserCreation.CREATED;
                    }
                    Class<?> type = method.getReturnType();
                    return type == boolean.class ? Boolean.TRUE : type == Optional.class ? Optional.empty() : null;
                });
        new NextcloudTarget(recorder, () -> java.util.Set.copyOf(person.departments()), "workspace", quota)
                .apply(IdentityChanges.Kind.JOIN, person);
        assertThat(created).hasSize(1);
        return created.get(0);
    }
}
