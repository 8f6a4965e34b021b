package org.agencyworkspace.platform.audit.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.IndexFamily;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ECS JSON log file shipped to the real Elasticsearch from a persisted offset: nothing is
 * lost while Elasticsearch cannot be reached, a re-sent batch is stored once, a half-written line
 * waits for its end, a rotated file is followed.
 */
class LogShippingIT {

    @TempDir
    Path logs;

    private final String url = StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL");
    private final String prefix = "it-logs-" + UUID.randomUUID().toString().substring(0, 8);
    private final TestDatabase database = new TestDatabase();
    private final ObjectMapper json = new ObjectMapper();
    private final AuditCursors cursors = new AuditCursors(database.jdbc());
    private final DeadLetterStore deadLetters = new DeadLetterStore(database.jdbc(), json, Clock.systemUTC());

    @AfterEach
    void removeIndices() throws Exception {
        new ElasticHttp(url).removePrefix(prefix);
    }

    @Test
    void linesArriveOnceAfterAnOutageAndAcrossARotation() throws Exception {
        Path file = logs.resolve("workspace.json");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            text.append(line(i));
        }
        text.append("java.lang.OutOfMemoryError dumped by hand\n");
        text.append("{\"@timestamp\":\"2026-11-27T04:10:00.000Z\",\"log.level\":\"INFO\",\"mess");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ElasticsearchConnector down = connector("http://127.0.0.1:" + closed)) {
            LogShipper shipper = shipper(file, down);
            assertThat(shipper.shipAll()).isZero();
            assertThat(shipper.lastError()).contains("cannot reach cluster");
            assertThat(cursors.get(LogShipper.CURSOR).position()).isZero();
        }

        try (ElasticsearchConnector elastic = connector(url)) {
            elastic.installSchema();
            LogShipper shipper = shipper(file, elastic);
            assertThat(shipper.shipAll()).as("250 lines and the hand-written one").isEqualTo(251);
            assertThat(shipper.lastError()).isNull();
            assertThat(elastic.count(IndexFamily.LOGS)).isEqualTo(251);

            // The half-written line is finished, and more follow.
            Files.writeString(file, "age\":\"done\"}\n" + line(300) + line(301), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            assertThat(shipper.shipAll()).isEqualTo(3);
            assertThat(shipper.shipAll()).isZero();

            // A crash after the bulk and before the offset was saved: the same lines again.
            cursors.set(LogShipper.CURSOR, new AuditCursors.Cursor(0, cursors.get(LogShipper.CURSOR).extra()));
            assertThat(shipper.shipAll()).isEqualTo(254);
            assertThat(elastic.count(IndexFamily.LOGS)).as("each line once").isEqualTo(254);

            Files.move(file, logs.resolve("workspace-2026-11-27-1.json"));
            Files.writeString(file, line(400) + line(401), StandardCharsets.UTF_8);
            assertThat(shipper.shipAll()).isEqualTo(2);
            assertThat(elastic.count(IndexFamily.LOGS)).isEqualTo(256);
            assertThat(deadLetters.list(null, 5)).isEmpty();
        }
    }

    private LogShipper shipper(Path file, ElasticsearchConnector elastic) {
        return new LogShipper(file, cursors, deadLetters, elastic, database.transactions(), json,
                Clock.systemUTC(), 100);
    }

    private ElasticsearchConnector connector(String address) {
        return ElasticsearchConnector.builder().url(URI.create(address)).indexPrefix(prefix)
                .connectTimeout(Duration.ofSeconds(1)).build();
    }

    private static String line(int i) {
        return "{\"@timestamp\":\"2026-11-27T04:%02d:%02d.%03dZ\",\"ecs.version\":\"1.2.0\",\"log.level\":\"INFO\",\"message\":\"第 %d 行\",\"process.thread.name\":\"main\",\"log.logger\":\"org.agencyworkspace.X\",\"labels\":{\"request.id\":\"r%d\"},\"service.name\":\"agency-workspace\"}\n"
                .formatted(i / 60 % 60, i % 60, i % 1000, i, i);
    }
}
