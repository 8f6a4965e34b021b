package org.agencyworkspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every UI text and notification template exists in English and in Traditional Chinese. */
class I18nPropertiesSyncTest {

    @ParameterizedTest
    @ValueSource(strings = {"messages/messages", "messages/notifications"})
    void bothLanguagesHaveTheSameKeys(String bundle) throws IOException {
        Set<String> english = keys(bundle + ".properties");
        Set<String> chinese = keys(bundle + "_zh_TW.properties");

        assertThat(chinese).as("keys only in English").containsAll(english);
        assertThat(english).as("keys only in Chinese").containsAll(chinese);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keycloak", "matrix", "nextcloud", "elasticsearch", "libreoffice"})
    void everyConnectorHasItsTileTexts(String connector) throws IOException {
        assertThat(keys("messages/messages.properties")).contains("app." + connector + ".name",
                "app." + connector + ".product", "app." + connector + ".embedded");
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                I18nPropertiesSyncTest.class.getClassLoader().getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
