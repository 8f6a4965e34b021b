package org.agencyworkspace.connector.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WopiAccessTokensTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00.250Z");
    private final WopiAccessTokens tokens = new WopiAccessTokens(SECRET);
    private final WopiAccessToken grant = new WopiAccessToken("alice", "nc-42",
            Set.of(EditorPermission.EDIT, EditorPermission.COPY), "s-1", NOW.plus(Duration.ofHours(10)));

    @Test
    void aTokenCarriesItsGrantBackAndIsUrlSafe() {
        String token = tokens.issue(grant);

        assertThat(token).matches("[A-Za-z0-9_.-]+");
        WopiAccessToken checked = tokens.check(token, "nc-42", NOW);
        assertThat(checked).isEqualTo(grant);
        assertThat(checked.allows(EditorPermission.EDIT)).isTrue();
        assertThat(checked.allows(EditorPermission.PRINT)).isFalse();
        assertThat(checked.ttlMillis()).isEqualTo(NOW.plus(Duration.ofHours(10)).getEpochSecond() * 1000);
    }

    @Test
    void refusesAnotherFileExpiryTamperingAndOtherSecrets() {
        String token = tokens.issue(grant);

        assertThatThrownBy(() -> tokens.check(token, "nc-43", NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("another file");
        assertThatThrownBy(() -> tokens.check(token, "nc-42", NOW.plus(Duration.ofHours(11))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired");
        String[] parts = token.split("\\.");
        String widened = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"COPY\"", "\"PRINT\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> tokens.check(tampered, "nc-42", NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> new WopiAccessTokens(SECRET + "-other").check(token, "nc-42", NOW))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.check("garbage", "nc-42", NOW)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.check(null, "nc-42", NOW)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aFetchTokenAndAWopiTokenAreNeverTakenForEachOther() {
        DocumentFetchGrant fetch = new DocumentFetchGrant("alice", "nc-42", "s-1", NOW.plus(Duration.ofMinutes(5)));
        String fetchToken = tokens.issueFetch(fetch);
        String wopiToken = tokens.issue(grant);

        assertThat(tokens.checkFetch(fetchToken, "nc-42", NOW)).isEqualTo(fetch);
        assertThatThrownBy(() -> tokens.check(fetchToken, "nc-42", NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("not a wopi token");
        assertThatThrownBy(() -> tokens.checkFetch(wopiToken, "nc-42", NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("not a fetch token");
        assertThatThrownBy(() -> tokens.checkFetch(fetchToken, "nc-43", NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("another file");
        assertThatThrownBy(() -> tokens.checkFetch(fetchToken, "nc-42", NOW.plus(Duration.ofMinutes(6))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> new WopiAccessTokens("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }
}
