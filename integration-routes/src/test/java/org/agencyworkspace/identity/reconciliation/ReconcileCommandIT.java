package org.agencyworkspace.identity.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.agencyworkspace.WorkspaceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code identity reconcile} as the command line runs it, on the embedded defaults: it starts
 * the workspace without routes, prints the report and answers with its exit status.
 */
class ReconcileCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void aDryRunOnAFreshWorkspaceFindsNoDrift() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ReconcileCommand.run(WorkspaceApplication.class, new String[] {
                "identity", "reconcile", "--dry-run",
                "--workspace.data-dir=" + dataDir, "--workspace.log-dir=" + dataDir.resolve("logs"),
                "--workspace.routes.folder=" + dataDir.resolve("routes")},
                new PrintStream(out, true, StandardCharsets.UTF_8));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report).contains("Reconciliation (dry run, nothing changed)", "by cli:",
                "compared directory: ", "No drift");
    }

    @Test
    void anUnknownOptionIsRefusedWithoutStarting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ReconcileCommand.run(WorkspaceApplication.class,
                new String[] {"identity", "reconcile", "--dryrun"},
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown option --dryrun");
    }
}
