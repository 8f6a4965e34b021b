package org.agencyworkspace.platform.backup;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.agencyworkspace.config.EmbeddedDatabaseConfiguration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Backup and restore on the embedded H2 database (its online BACKUP). */
class BackupRestoreIT extends AbstractBackupRestoreIT {

    @Override
    List<String> databaseArguments() {
        return List.of();
    }

    @Override
    DataSource restoredDatabase(Path home) {
        EmbeddedDatabaseConfiguration.Settings h2 = EmbeddedDatabaseConfiguration.embedded(home.resolve("data"));
        return new DriverManagerDataSource(h2.url(), h2.username(), h2.password());
    }

    @Override
    void emptyTheDatabase() {
        // The target is a new data folder: its H2 database does not exist yet.
    }
}
