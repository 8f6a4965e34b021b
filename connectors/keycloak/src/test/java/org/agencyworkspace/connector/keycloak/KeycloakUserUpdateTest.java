package org.agencyworkspace.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeycloakUserUpdateTest {

    @Test
    void buildsUpAnUpdateWithoutLosingEarlierParts() {
        KeycloakUserUpdate update = KeycloakUserUpdate.of("mei.lin")
                .withEmail("mei.lin@agency.test").withName("美玲", "林").withEnabled(true)
                .withEmailVerified(true).withAttribute("clearance", List.of("secret"))
                .withAttribute("department", List.of()).withRequiredActions("CONFIGURE_TOTP")
                .withRequiredActions("UPDATE_PASSWORD", "CONFIGURE_TOTP");

        assertThat(update.email()).isEqualTo("mei.lin@agency.test");
        assertThat(update.firstName()).isEqualTo("美玲");
        assertThat(update.lastName()).isEqualTo("林");
        assertThat(update.enabled()).isTrue();
        assertThat(update.emailVerified()).isTrue();
        assertThat(update.attributes()).containsEntry("clearance", List.of("secret"))
                .containsEntry("department", List.of());
        assertThat(update.requiredActions()).containsExactly("CONFIGURE_TOTP", "UPDATE_PASSWORD");
    }

    @Test
    void leavesEverythingAsItIsUnlessTold() {
        KeycloakUserUpdate update = KeycloakUserUpdate.of("mei.lin");

        assertThat(update.email()).isNull();
        assertThat(update.enabled()).isNull();
        assertThat(update.attributes()).isEmpty();
        assertThat(update.requiredActions()).isEmpty();
    }

    @Test
    void refusesWhatKeycloakWouldMisread() {
        assertThatThrownBy(() -> KeycloakUserUpdate.of(" "))
                .hasMessage("username required");
        assertThatThrownBy(() -> KeycloakUserUpdate.of("mei").withEmail(""))
                .hasMessageContaining("email must not be blank");
        assertThatThrownBy(() -> KeycloakUserUpdate.of("mei")
                .withAttribute("email", List.of("x@agency.test")))
                .hasMessageContaining("set email through its own component");
        assertThatThrownBy(() -> KeycloakUserUpdate.of("mei").withAttribute(" ", List.of("x")))
                .hasMessageContaining("attribute names must not be blank");
        assertThatThrownBy(() -> KeycloakUserUpdate.of("mei").withRequiredActions(""))
                .hasMessageContaining("required actions must not be blank");
        assertThatThrownBy(() -> KeycloakGroupUpdate.of("a/b"))
                .hasMessageContaining("must not contain '/'");
    }
}
