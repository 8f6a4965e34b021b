package org.agencyworkspace.files;

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
    FileStore fileStore(WorkspaceProperties workspace, ObjectProvider<NextcloudConnector> nextcloud) {
        NextcloudConnector connector = nextcloud.getIfAvailable();
        return connector != null ? new NextcloudFileStore(connector)
                : new LocalFileStore(workspace.dataDir().resolve("files"));
    }
}
