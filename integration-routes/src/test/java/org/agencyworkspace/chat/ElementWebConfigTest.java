package org.agencyworkspace.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ElementWebConfigTest {

    @Test
    void oneFixedHomeserverSingleSignOnOnlyAndNoRegistration() {
        JsonNode config = new ObjectMapper().valueToTree(ElementWebConfig.of(new ElementProperties(
                URI.create("https://matrix.agency.example"), "agency.example", "公務工作區")));

        assertThat(config.at("/default_server_config/m.homeserver/base_url").asText())
                .isEqualTo("https://matrix.agency.example");
        assertThat(config.at("/default_server_config/m.homeserver/server_name").asText()).isEqualTo("agency.example");
        assertThat(config.get("disable_custom_urls").asBoolean()).isTrue();
        assertThat(config.get("disable_guests").asBoolean()).isTrue();
        assertThat(config.at("/sso_redirect_options/immediate").asBoolean()).isTrue();
        assertThat(config.at("/setting_defaults/UIFeature.registration").asBoolean(true)).isFalse();
        assertThat(config.at("/setting_defaults/UIFeature.passwordReset").asBoolean(true)).isFalse();
        assertThat(config.get("brand").asText()).isEqualTo("公務工作區");
    }

    @Test
    void withoutAHomeserverThereIsNoConfig() {
        assertThatThrownBy(() -> ElementWebConfig.of(new ElementProperties(null, null, "x")))
                .isInstanceOf(IllegalStateException.class);
    }
}
