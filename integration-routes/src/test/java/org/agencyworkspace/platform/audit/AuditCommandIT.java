package org.agencyworkspace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.agencyworkspace.WorkspaceApplication;
import org.agencyworkspace.config.EmbeddedDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code audit verify} as the command line runs it, on the embedded H2 database: intact after
 * real appends, exit status 2 and the row's id once a row is edited behind the workspace's back.
 */
class AuditCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void anEditedRowMakesVerifyFailWithItsId() {
        Run first = verify();
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output()).contains("Audit chain intact");

        EmbeddedDatabaseConfiguration.Settings database = EmbeddedDatabaseConfiguration.embedded(dataDir);
        DriverManagerDataSource h2 = new DriverManagerDataSource(database.url(),
                database.username(), database.password());
        JdbcAuditTrail trail = new JdbcAuditTrail(JdbcClient.create(h2), new ObjectMapper(),
                new DataSourceTransactionManager(h2));
        AuditEvent refused = AuditEvent.of("file.download", "file").actor("alice", "Alice")
                .target("file", "/機密/預算.pdf", "confidential").failure("step-up required").build();
        trail.record(refused);
        trail.record(AuditEvent.of("login.success", "authentication").actor("bob", "Bob").build());
        assertThat(verify().status()).isZero();

        JdbcClient.create(h2).sql("UPDATE audit_event SET outcome = 'success' WHERE id = :id")
                .param("id", refused.id()).update();
        Run broken = verify();

        assertThat(broken.status()).as(broken.output()).isEqualTo(AuditCommand.BROKEN);
        assertThat(broken.output()).contains("BROKEN", refused.id(), "CONTENT_CHANGED");
    }

    @Test
    void anUnknownOptionIsRefusedWithoutStarting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCommand.run(WorkspaceApplication.class,
                new String[] {"audit", "verify", "--fix"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown option --fix");
    }

    private Run verify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCommand.run(WorkspaceApplication.class, new String[] {"audit", "verify",
                "--workspace.data-dir=" + dataDir, "--workspace.log-dir=" + dataDir.resolve("logs"),
                "--workspace.routes.folder=" + dataDir.resolve("routes")},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String output) {
    }
}
