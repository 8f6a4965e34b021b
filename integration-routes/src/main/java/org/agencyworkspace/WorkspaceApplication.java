package org.agencyworkspace;

import org.agencyworkspace.files.classification.WatermarkLevelsCommand;
import org.agencyworkspace.identity.reconciliation.ReconcileCommand;
import org.agencyworkspace.platform.audit.AuditCommand;
import org.agencyworkspace.platform.backup.BackupCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Agency Workspace integration layer: Camel routes, web endpoints and shared plumbing. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkspaceApplication {

    public static void main(String[] args) {
        if (ReconcileCommand.matches(args)) {
            System.exit(ReconcileCommand.run(WorkspaceApplication.class, args, System.out));
        }
        if (AuditCommand.matches(args)) {
            System.exit(AuditCommand.run(WorkspaceApplication.class, args, System.out));
        }
        if (WatermarkLevelsCommand.matches(args)) {
            System.exit(WatermarkLevelsCommand.run(args, System.out, System.err));
        }
        if (BackupCommand.matches(args)) {
            System.exit(BackupCommand.run(args, System.out));
        }
        SpringApplication.run(WorkspaceApplication.class, args);
    }
}
