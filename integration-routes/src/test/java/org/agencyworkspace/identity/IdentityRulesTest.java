package org.agencyworkspace.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {

    private final TestDatabase database = new TestDatabase();
    private final IdentityRules rules;

    IdentityRulesTest() {
        new LocalAccounts(database.jdbc(), new MutableClock(java.time.Instant.EPOCH))
                .addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        rules = new IdentityRules(database.jdbc(), new IdentityProperties(
                List.of("staff", "admin"), List.of("unmarked", "secret"),
                new IdentityProperties.Scim(null, 200),
                new IdentityProperties.Provisioning(java.time.Duration.ofSeconds(1), 1, 1),
                new IdentityProperties.Reconciliation(false, java.time.Duration.ofHours(1), false,
                        List.of())));
    }

    @Test
    void appliesDefaultsToAValidPerson() {
        IdentityDraft checked = rules.check(draft("wang.li", "wang.li@agency.test", List.of("it"),
                List.of("staff"), null));

        assertThat(checked.clearance()).isEqualTo("unmarked");
        assertThat(checked.displayNameEn()).isEqualTo("Li Wang");
    }

    @Test
    void refusesWhatAppsWouldRefuseNamingTheFieldAndThePerson() {
        assertThatThrownBy(() -> rules.check(draft("Wang Li", "w@agency.test", List.of(), List.of(), null)))
                .hasMessageContaining("userName 'Wang Li' must be");
        assertThatThrownBy(() -> rules.check(draft("x", "w@agency.test", List.of(), List.of(), null)))
                .hasMessageContaining("userName 'x' must be");
        assertThatThrownBy(() -> rules.check(draft("wang.li", "not-an-address", List.of(), List.of(), null)))
                .hasMessageContaining("email 'not-an-address' of wang.li");
        assertThatThrownBy(() -> rules.check(draft("wang.li", "w@agency.test", List.of("hr"), List.of(), null)))
                .hasMessageContaining("unknown department 'hr' for wang.li");
        assertThatThrownBy(() -> rules.check(draft("wang.li", "w@agency.test", List.of(), List.of("root"), null)))
                .hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> rules.check(draft("wang.li", "w@agency.test", List.of(), List.of(), "top-secret")))
                .hasMessageContaining("unknown clearance 'top-secret'");
    }

    private static IdentityDraft draft(String userName, String email, List<String> departments,
            List<String> roles, String clearance) {
        return new IdentityDraft(userName, null, "Li", "Wang", null, null, email, null,
                departments, roles, clearance, true);
    }
}
