package org.agencyworkspace.officialdocs.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ExchangeLevelsTest {

    @Test
    void onlyMappedLevelsUpToTheMaximumAreExchanged() {
        ExchangeLevels levels = new ExchangeLevels(properties("secret", List.of(new ExchangeProperties.Level("普通", "unmarked"),
                new ExchangeProperties.Level("密", "secret"), new ExchangeProperties.Level("機密", "confidential"),
                new ExchangeProperties.Level("不存在", "no-such-level"))), DefaultLevels.scheme(true));

        assertThat(levels.acceptedLabels()).containsExactlyInAnyOrder("普通", "密");
        assertThat(levels.codeOf("密")).contains("secret");
        assertThat(levels.codeOf("機密")).isEmpty();
        assertThat(levels.labelOf("unmarked")).contains("普通");
        assertThat(levels.labelOf("confidential")).isEmpty();
    }

    @Test
    void withNoLevelsConfigured普通And密AreExchanged() {
        ExchangeLevels levels = new ExchangeLevels(properties("confidential", List.of()), DefaultLevels.scheme(true));

        assertThat(levels.acceptedLabels()).containsExactlyInAnyOrder("普通", "密");
    }

    @Test
    void aRecipientHasEitherAnHttpsUrlWithItsTlsSettingsOrAFolder() {
        Path file = Path.of("x.p12");
        assertThat(recipient(URI.create("https://a.example/exchange/inbox"), null, file).isOneWay()).isTrue();
        assertThat(recipient(null, Path.of("/srv/gateway"), null).isOneWay()).isTrue();
        assertThat(recipient(URI.create("http://a.example/exchange/inbox"), null, file).isOneWay()).isFalse();
        assertThat(recipient(URI.create("https://a.example/exchange/inbox"), null, null).isOneWay()).isFalse();
        assertThat(recipient(URI.create("https://a.example/"), Path.of("/srv/gateway"), file).isOneWay()).isFalse();
        assertThat(recipient(null, null, null).isOneWay()).isFalse();
    }

    @Test
    void documentNumbersBecomeFolderNamesWithoutEscaping() {
        assertThat(ExchangeInbox.safe("府授秘字第1150001234號")).isEqualTo("府授秘字第1150001234號");
        assertThat(ExchangeInbox.safe("../../etc/passwd")).isEqualTo(".._.._etc_passwd");
        assertThat(ExchangeInbox.safe("..")).isEqualTo("_..");
        assertThat(ExchangeInbox.safe("a\\b\u0000c")).isEqualTo("a_b_c");
    }

    private static ExchangeProperties.Recipient recipient(URI url, Path folder, Path keyStore) {
        return new ExchangeProperties.Recipient("數位發展部", "數位發展部", url, folder, null, keyStore,
                keyStore == null ? null : "password", keyStore == null ? List.of() : List.of(Path.of("roots.pem")));
    }

    private static ExchangeProperties properties(String maxLevel, List<ExchangeProperties.Level> levels) {
        return new ExchangeProperties("376430000A", "seal", null, "general-affairs", levels, maxLevel, "/收文",
                DataSize.ofMegabytes(20), java.time.Duration.ofSeconds(5), new ExchangeProperties.Inbox(0, null, null, List.of()),
                null, List.of(), Map.of());
    }
}
