package org.agencyworkspace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Agency Workspace integration layer: Camel routes, web endpoints and shared plumbing. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkspaceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkspaceApplication.class, args);
    }
}
