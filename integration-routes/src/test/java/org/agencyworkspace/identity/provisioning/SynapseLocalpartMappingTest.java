package org.agencyworkspace.identity.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.identity.IdentityRejectedException;
import org.agencyworkspace.identity.IdentityRules;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Synapse's OIDC mapping, as shipped for the local stack and by Ansible, gives a person signing
 * in through Keycloak exactly the Matrix ID the workspace provisioned ({@link MatrixTarget}), for
 * every login the workspace accepts; and no Keycloak login the workspace would refuse is mapped
 * onto a workspace login (so nobody signs in to someone else's account).
 */
class SynapseLocalpartMappingTest {

    private static final String SERVER = "agency.example";
    private static final long SEED = 20_261_207L;
    private static final String FIRST = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String REST = FIRST + "._-";
    /**
     * Wider than any login: what someone might give a Keycloak user by hand. Not white space or
     * {@code =}: Keycloak refuses those in user names (SynapseOidcClaimsIT shows it on the real
     * server), and Synapse strips white space from the rendered template.
     */
    private static final String HOSTILE = REST + "ABCXYZ@_+/:#!%~\"'\\王小明é";

    private final IdentityRules rules;

    SynapseLocalpartMappingTest() {
        TestDatabase database = new TestDatabase();
        new LocalAccounts(database.jdbc(), new MutableClock(Instant.EPOCH))
                .addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        rules = new IdentityRules(database.jdbc(), new IdentityProperties(
                List.of("staff"), List.of("unmarked"), new IdentityProperties.Scim(null, 200),
                new IdentityProperties.Provisioning(Duration.ofSeconds(1), 1, 1),
                new IdentityProperties.Reconciliation(false, Duration.ofHours(1), false, List.of())));
    }

    @Test
    void theLocalStackAndAnsibleShipTheSameTemplateTheLoginItself() {
        assertThat(SynapseLocalpartMapping.localStackTemplate()).isEqualTo("{{ user.preferred_username }}");
        assertThat(SynapseLocalpartMapping.ansibleTemplate()).isEqualTo(SynapseLocalpartMapping.localStackTemplate());
    }

    @Test
    void everyLoginTheWorkspaceAcceptsSignsInAsTheMatrixIdItProvisions() {
        Random random = new Random(SEED);
        List<String> logins = new java.util.ArrayList<>(List.of("wang.li", "007", "a-b", "x_y",
                "z".repeat(64), "it-sso-1f2e3d4c", "a..", "9_-"));
        for (int i = 0; i < 5_000; i++) {
            StringBuilder login = new StringBuilder().append(FIRST.charAt(random.nextInt(FIRST.length())));
            int length = 2 + random.nextInt(62);
            for (int j = 0; j < length; j++) {
                login.append(REST.charAt(random.nextInt(REST.length())));
            }
            logins.add(login.toString());
        }
        for (String login : logins) {
            IdentityDraft person = rules.check(person(login));
            String provisioned = MatrixUserId.of(person.userName(), SERVER);
            String signedIn = "@" + SynapseLocalpartMapping.localpart(
                    SynapseLocalpartMapping.localStackTemplate(), claimsFor(person)) + ":" + SERVER;
            assertThat(signedIn).as("login %s (seed %d)", login, SEED).isEqualTo(provisioned);
        }
    }

    @Test
    void noOtherKeycloakUserNameMapsOntoAWorkspaceLogin() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder typed = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int j = 0; j < length; j++) {
                typed.append(HOSTILE.charAt(random.nextInt(HOSTILE.length())));
            }
            // Keycloak keeps user names in lower case; its claim is the stored name.
            String username = typed.toString().toLowerCase(Locale.ROOT);
            String mapped = SynapseLocalpartMapping.localpart("{{ user.preferred_username }}",
                    Map.of("preferred_username", username));
            if (accepted(mapped)) {
                assertThat(username).as("Keycloak user %s (seed %d)", username, SEED).isEqualTo(mapped);
            }
        }
    }

    @Test
    void loginsWithCharactersMatrixRefusesAreNeverProvisionedAndSynapseWouldEscapeThem() {
        for (String login : List.of("wang li", "wang@agency", "王小明", "wang=li", "_wang", "wang+li",
                "wang/li", "Wang.Li")) {
            assertThatThrownBy(() -> rules.check(person(login))).as(login)
                    .isInstanceOf(IdentityRejectedException.class).hasMessageContaining("userName");
        }
        assertThat(SynapseLocalpartMapping.toMxidLocalpart("wang@agency")).isEqualTo("wang=40agency");
        assertThat(SynapseLocalpartMapping.toMxidLocalpart("王")).isEqualTo("=e7=8e=8b");
        assertThat(SynapseLocalpartMapping.toMxidLocalpart("_wang")).isEqualTo("=5fwang");
        assertThat(SynapseLocalpartMapping.toMxidLocalpart("wang=li")).isEqualTo("wang=3dli");
    }

    /** The claims Keycloak issues for a person the workspace provisioned there (KeycloakTarget). */
    private static Map<String, Object> claimsFor(IdentityDraft person) {
        return Map.of("sub", UUID.nameUUIDFromBytes(person.userName().getBytes()).toString(),
                "preferred_username", person.userName().toLowerCase(Locale.ROOT),
                "email", person.email(), "name", person.displayNameEn(),
                "given_name", person.givenName(), "family_name", person.familyName());
    }

    private boolean accepted(String login) {
        try {
            rules.check(person(login));
            return true;
        } catch (IdentityRejectedException e) {
            return false;
        }
    }

    private static IdentityDraft person(String login) {
        return new IdentityDraft(login, null, "Li", "Wang", null, null, "wang@agency.test", null,
                List.of("it"), List.of("staff"), null, true);
    }
}
