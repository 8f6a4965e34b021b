package org.agencyworkspace.files;

import org.agencyworkspace.config.ConnectorResources;
import org.agencyworkspace.config.NextcloudProperties;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.NextcloudFileStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the agency's files are kept: Nextcloud once {@code workspace.connectors.nextcloud.dav-url}
 * is set, else a local folder under the data folder (the embedded default).
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean(destroyMethod = "")
    FileStore fileStore(WorkspaceProperties workspace, NextcloudProperties nextcloud,
            ConnectorResources resources) {
        if (nextcloud.isConfigured()) {
            return new NextcloudFileStore(resources.closeOnShutdown(nextcloud.connector()));
        }
        return new LocalFileStore(workspace.dataDir().resolve("files"));
    }
}
