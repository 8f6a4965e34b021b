package org.agencyworkspace.files;

import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.LocalFileStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the agency's files are kept: a local folder under the data folder on the embedded default. */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean
    FileStore fileStore(WorkspaceProperties workspace) {
        return new LocalFileStore(workspace.dataDir().resolve("files"));
    }
}
