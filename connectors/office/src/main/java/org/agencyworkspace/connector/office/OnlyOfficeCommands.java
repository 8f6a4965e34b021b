package org.agencyworkspace.connector.office;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONLYOFFICE's command service ({@code POST <ds>/command}): asks the Document Server to do
 * something with an open document. The request is signed both ways the server accepts (body
 * {@code token} and {@code Authorization: Bearer}).
 */
public class OnlyOfficeCommands {

    private final URI commandUrl;
    private final OnlyOfficeJwt jwt;
    private final HttpClient http;

    public OnlyOfficeCommands(URI documentServer, OnlyOfficeJwt jwt, Duration timeout) {
        String base = documentServer.toString();
        this.commandUrl = URI.create((base.endsWith("/") ? base : base + "/") + "command");
        this.jwt = jwt;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Asks for the document's current state to be saved now; the result arrives as callback
     * status 6 (forcesavetype 0).
     *
     * @return the command service's error code: 0 done, 4 nothing changed since the last save,
     *     1 unknown key, 6 token refused (others in the ONLYOFFICE docs)
     */
    public int forceSave(String documentKey, String userdata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("c", "forcesave");
        body.put("key", documentKey);
        if (userdata != null) {
            body.put("userdata", userdata);
        }
        return send(body);
    }

    private int send(Map<String, Object> command) {
        Map<String, Object> body = new LinkedHashMap<>(command);
        body.put("token", jwt.sign(command));
        HttpRequest request = HttpRequest.newBuilder(commandUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", jwt.bearerFor(command))
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UncheckedIOException(new IOException("the command service answered HTTP "
                        + response.statusCode()));
            }
            Object error = JSONObjectUtils.parse(response.body()).get("error");
            if (!(error instanceof Number code)) {
                throw new OfficeProtocolException("the command service's answer has no error code");
            }
            return code.intValue();
        } catch (ParseException e) {
            throw new OfficeProtocolException("the command service's answer is not JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the command service at " + commandUrl + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted calling " + commandUrl, e));
        }
    }
}
