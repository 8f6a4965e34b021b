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

    /** A key written twice silently takes the later text, which another page meant for itself. */
    @ParameterizedTest
    @ValueSource(strings = {"messages/messages.properties", "messages/messages_zh_TW.properties",
            "messages/notifications.properties", "messages/notifications_zh_TW.properties"})
    void noKeyIsWrittenTwice(String resource) throws IOException {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        java.util.List<String> twice = new java.util.ArrayList<>();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new InputStreamReader(
                I18nPropertiesSyncTest.class.getClassLoader().getResourceAsStream(resource),
                StandardCharsets.UTF_8))) {
            String line;
            boolean continued = false;
            for (int number = 1; (line = lines.readLine()) != null; number++) {
                String text = line.strip();
                boolean startsEntry = !continued && !text.isEmpty() && !text.startsWith("#")
                        && !text.startsWith("!");
                continued = text.endsWith("\\") && !text.endsWith("\\\\");
                if (!startsEntry) {
                    continue;
                }
                String key = text.split("[=:\\s]", 2)[0];
                Integer first = seen.putIfAbsent(key, number);
                if (first != null) {
                    twice.add(key + " (lines " + first + " and " + number + ")");
                }
            }
        }
        assertThat(twice).as("keys written twice in " + resource).isEmpty();
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
