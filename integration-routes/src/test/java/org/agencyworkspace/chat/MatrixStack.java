package org.agencyworkspace.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.RoomEvent;
import org.agencyworkspace.connector.matrix.SyncBatch;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real Synapse of deploy/local with the workspace's application service: the settings that
 * turn the chat bot on (the app listens where the registration says Synapse should push), and
 * clients for the people in a test.
 */
public final class MatrixStack {

    public static final String URL = StackEnvironment.require("WORKSPACE_MATRIX_URL");
    public static final String SERVER_NAME = StackEnvironment.require("WORKSPACE_MATRIX_SERVER_NAME");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MatrixStack() {
    }

    /** A workspace with the chat bot on, provisioning to Matrix, listening on the registration's port. */
    public static void register(DynamicPropertyRegistry registry, Path dataDir) {
        WorkspaceDataDir.register(registry, dataDir);
        URI appservice = URI.create(StackEnvironment.require("WORKSPACE_MATRIX_APPSERVICE_URL"));
        registry.add("server.port", () -> Integer.toString(appservice.getPort()));
        registerBot(registry);
    }

    /**
     * The chat bot and Matrix provisioning only, for a workspace on a port of its own: what it
     * does to rooms and accounts works, while what Synapse pushes goes to the registration's URL.
     */
    public static void registerBot(DynamicPropertyRegistry registry) {
        registry.add("workspace.retry.initial-delay", () -> "10ms");
        registry.add("workspace.messaging.poll-interval", () -> "100ms");
        registry.add("workspace.messaging.channel", () -> "matrix");
        registry.add("workspace.chat.event-poll-interval", () -> "100ms");
        registry.add("workspace.chat.as-token", () -> StackEnvironment.require("WORKSPACE_MATRIX_AS_TOKEN"));
        registry.add("workspace.chat.hs-token", () -> StackEnvironment.require("WORKSPACE_MATRIX_HS_TOKEN"));
        registry.add("workspace.chat.appservice-id",
                () -> StackEnvironment.require("WORKSPACE_MATRIX_APPSERVICE_ID"));
        registry.add("workspace.connectors.matrix.homeserver-url", () -> URL);
        registry.add("workspace.connectors.matrix.server-name", () -> SERVER_NAME);
        registry.add("workspace.connectors.matrix.admin-user",
                () -> StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_USER"));
        registry.add("workspace.connectors.matrix.admin-password",
                () -> StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_PASSWORD"));
    }

    /** The bot, as the application service. */
    public static MatrixClient bot() {
        return MatrixClient.builder().homeserverUrl(URI.create(URL))
                .accessToken(StackEnvironment.require("WORKSPACE_MATRIX_AS_TOKEN")).build();
    }

    /** A person's own client, after a password login. */
    public static MatrixClient login(String localpart, String password) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                            URI.create(URL + "/_matrix/client/v3/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"type":"m.login.password","identifier":{"type":"m.id.user","user":"%s"},
                             "password":"%s"}""".formatted(localpart, password))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("login " + localpart + ": " + answer.body());
            }
            JsonNode body = JSON.readTree(answer.body());
            return MatrixClient.builder().homeserverUrl(URI.create(URL))
                    .accessToken(body.get("access_token").asText()).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A reader's view of a room: every {@code m.room.message} that /sync gives after
     * {@code since}, until {@code enough} says it has seen enough or {@code wait} passed.
     */
    public static Reading read(MatrixClient reader, String since, String roomId, Duration wait,
            java.util.function.Predicate<List<RoomEvent>> enough) {
        List<RoomEvent> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        String token = since;
        do {
            SyncBatch batch = reader.sync(token, Duration.ofSeconds(1));
            batch.timeline().stream().filter(event -> event.roomId().equals(roomId)
                    && "m.room.message".equals(event.type())).forEach(seen::add);
            token = batch.nextBatch();
        } while (!enough.test(seen) && Instant.now().isBefore(deadline));
        return new Reading(seen, token);
    }

    /** What {@link #read} saw, and where the next read starts. */
    public record Reading(List<RoomEvent> messages, String nextBatch) {
    }
}
