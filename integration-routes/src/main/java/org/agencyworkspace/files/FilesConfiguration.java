package org.agencyworkspace.files;

import java.time.Clock;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.files.versions.FileVersionRecords;
import org.agencyworkspace.files.versions.VersionKeepingFileStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.NextcloudFileStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the agency's files are kept: Nextcloud once {@code workspace.connectors.nextcloud.dav-url}
 * is set, else a local folder under the data folder (the embedded default).
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean(destroyMethod = "")
    FileStore fileStore(WorkspaceProperties workspace, ObjectProvider<NextcloudConnector> nextcloud,
            FileVersionRecords versions, ObjectProvider<FileLabels> labels, ClassificationScheme scheme) {
        NextcloudConnector connector = nextcloud.getIfAvailable();
        // The labels service reads the store itself, so it is looked up when a version is kept.
        return new VersionKeepingFileStore(connector != null ? new NextcloudFileStore(connector)
                : new LocalFileStore(workspace.dataDir().resolve("files")), versions,
                file -> labels.getObject().effective(file).label(), scheme::levelOf);
    }

    /** Versions are the workspace's own, in its data folder, whichever store holds the files. */
    @Bean
    FileVersionRecords fileVersionRecords(WorkspaceProperties workspace, FilesProperties files,
            JdbcClient jdbc, Clock clock, LabelRecords labels) {
        return new FileVersionRecords(jdbc, workspace.dataDir().resolve("file-versions"),
                files.versions().keep(), clock, labels);
    }
}
