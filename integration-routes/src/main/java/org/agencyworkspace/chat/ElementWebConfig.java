package org.agencyworkspace.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code config.json} of Element Web for this deployment: one homeserver that cannot be
 * changed, sign-in through single sign-on only (Element goes straight to the homeserver's SSO,
 * which is Keycloak), no registration, guests, password reset or third-party ids in the UI
 * (accounts come from the identity lifecycle, passwords from Keycloak).
 */
public final class ElementWebConfig {

    private ElementWebConfig() {
    }

    public static Map<String, Object> of(ElementProperties element) {
        if (!element.isConfigured()) {
            throw new IllegalStateException("workspace.element.homeserver-url and server-name are not set");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("default_server_config", Map.of("m.homeserver", Map.of(
                "base_url", element.homeserverUrl().toString(), "server_name", element.serverName())));
        config.put("disable_custom_urls", true);
        config.put("disable_guests", true);
        config.put("disable_3pid_login", true);
        config.put("sso_redirect_options", Map.of("immediate", true));
        config.put("setting_defaults", Map.of("UIFeature.registration", false,
                "UIFeature.passwordReset", false, "UIFeature.deactivate", false,
                "UIFeature.thirdPartyId", false));
        config.put("brand", element.brand());
        config.put("default_country_code", "TW");
        return config;
    }
}
