package org.agencyworkspace.connector.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.testsupport.WireMockPeers;
import org.junit.jupiter.api.Test;

class OnlyOfficeTest {

    private static final String SECRET = "the-document-servers-jwt-secret-32b+";
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private final OnlyOfficeJwt jwt = new OnlyOfficeJwt(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theDocumentKeyFollowsTheVersionAndStaysInTheCharset() {
        String first = OnlyOfficeEditorConfig.documentKey("ws", "nc-42", "\"abc\"");
        assertThat(first).matches("[0-9a-zA-Z_-]{1,128}");
        assertThat(OnlyOfficeEditorConfig.documentKey("ws", "nc-42", "\"abc\"")).isEqualTo(first);
        assertThat(OnlyOfficeEditorConfig.documentKey("ws", "nc-42", "\"abd\"")).isNotEqualTo(first);
        assertThat(OnlyOfficeEditorConfig.documentKey("other", "nc-42", "\"abc\"")).isNotEqualTo(first);
    }

    @Test
    void theConfigIsSignedWithEveryFieldAndCarriesTheLabelsPermissions() throws ParseException {
        Map<String, Object> config = OnlyOfficeEditorConfig.build(new OnlyOfficeEditorConfig.Request(
                "nc-42", "\"v1\"", "預算.xlsx", "https://ws/api/files/editing/onlyoffice/download?x=1",
                "https://ws/api/files/editing/onlyoffice/callback", "alice", "Alice Chen",
                Set.of(EditorPermission.EDIT), "zh"), "key-1", jwt);

        assertThat(config.get("documentType")).isEqualTo("cell");
        Map<String, Object> permissions = path(config, "document", "permissions");
        assertThat(permissions).containsEntry("edit", true).containsEntry("print", false)
                .containsEntry("download", false).containsEntry("copy", false);
        assertThat(path(config, "editorConfig")).containsEntry("mode", "edit");
        // The Document Server trusts the token's copy: it must hold exactly what was sent.
        String[] parts = ((String) config.get("token")).split("\\.");
        Map<String, Object> signed = JSONObjectUtils.parse(new String(
                java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        Map<String, Object> plain = new LinkedHashMap<>(config);
        plain.remove("token");
        assertThat(signed).isEqualTo(JSONObjectUtils.parse(JSONObjectUtils.toJSONString(plain)));
    }

    @Test
    void aViewOnlyConfigOpensInViewMode() {
        Map<String, Object> config = OnlyOfficeEditorConfig.build(new OnlyOfficeEditorConfig.Request(
                "nc-1", "v", "a.docx", "u", "c", "bob", "Bob", Set.of(EditorPermission.PRINT), "en"), "k", jwt);
        assertThat(path(config, "editorConfig")).containsEntry("mode", "view");
        assertThat(path(config, "document", "permissions")).containsEntry("edit", false).containsEntry("print", true);
    }

    @Test
    void acceptsCallbacksSignedInTheBodyOrTheHeader() {
        Map<String, Object> callback = callback(2, "http://ds/cache/files/out.docx");
        Map<String, Object> inBody = new LinkedHashMap<>(callback);
        inBody.put("token", jwt.sign(callback));

        assertThat(jwt.verifyCallback(inBody, null)).containsEntry("url", "http://ds/cache/files/out.docx");
        assertThat(jwt.verifyCallback(callback, jwt.bearerFor(callback))).containsEntry("status", 2L);
        assertThat(jwt.verifyCallback(inBody, jwt.bearerFor(callback))).containsEntry("key", "key-1");
    }

    @Test
    void theSignedCallbackWinsOverWhatWasAddedToThePlainBody() {
        Map<String, Object> callback = callback(2, "http://ds/cache/files/out.docx");
        Map<String, Object> body = new LinkedHashMap<>(callback);
        body.put("token", jwt.sign(callback));
        body.put("url", "http://attacker/evil.docx");

        assertThat(jwt.verifyCallback(body, null)).containsEntry("url", "http://ds/cache/files/out.docx");
    }

    @Test
    void refusesUnsignedTamperedForeignExpiredAndDisagreeingCallbacks() {
        Map<String, Object> callback = callback(2, "http://ds/out.docx");
        assertThatThrownBy(() -> jwt.verifyCallback(callback, null))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("no token");

        String token = jwt.sign(callback);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> jwt.verifyCallback(Map.of("token", tampered), null))
                .isInstanceOf(InvalidTokenException.class);

        OnlyOfficeJwt foreign = new OnlyOfficeJwt("another-document-server-secret-32b+", Clock.systemUTC());
        assertThatThrownBy(() -> jwt.verifyCallback(callback, foreign.bearerFor(callback)))
                .isInstanceOf(InvalidTokenException.class);

        Map<String, Object> expiring = new LinkedHashMap<>(callback);
        expiring.put("exp", NOW.minus(Duration.ofMinutes(5)).getEpochSecond());
        assertThatThrownBy(() -> jwt.verifyCallback(Map.of("token", jwt.sign(expiring)), null))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired");

        Map<String, Object> inBody = Map.of("token", jwt.sign(callback));
        assertThatThrownBy(() -> jwt.verifyCallback(inBody, jwt.bearerFor(callback(2, "http://other/out.docx"))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("disagree");

        assertThatThrownBy(() -> jwt.verifyCallback(callback, "Basic dXNlcjpwYXNz"))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aDownloadRequestNamesItsUrl() {
        String bearer = jwt.bearerFor(Map.of("url", "https://ws/doc?id=1"));
        assertThat(jwt.verifyDownload(bearer)).isEqualTo("https://ws/doc?id=1");
        assertThatThrownBy(() -> jwt.verifyDownload(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void forceSaveSendsASignedCommandAndReturnsTheErrorCode() {
        WireMockServer server = WireMockPeers.start();
        LoggedRequest received;
        try {
            server.stubFor(post(urlPathEqualTo("/command"))
                    .willReturn(okJson("{\"error\":4,\"key\":\"key-1\"}")));
            OnlyOfficeCommands commands = new OnlyOfficeCommands(WireMockPeers.baseUri(server),
                    jwt, Duration.ofSeconds(5));

            assertThat(commands.forceSave("key-1", "alice")).isEqualTo(4);
            List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/command")));
            assertThat(sent).hasSize(1);
            received = sent.get(0);
        } finally {
            server.stop();
        }
        Map<String, Object> body = Map.of("c", "forcesave", "key", "key-1", "userdata", "alice");
        Map<String, Object> sent = jwt.verifyCallback(parse(received.getBodyAsString()),
                received.getHeader("Authorization"));
        assertThat(sent).containsAllEntriesOf(body);
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> callback(int status, String url) {
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("key", "key-1");
        callback.put("status", status);
        callback.put("url", url);
        callback.put("users", java.util.List.of("alice"));
        return callback;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return (Map<String, Object>) node;
    }
}
