package org.agencyworkspace.files.classification;

import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.identity.IdentityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The classification scheme, checked against the clearance levels at start. */
@Configuration(proxyBeanMethods = false)
public class ClassificationConfiguration {

    @Bean
    ClassificationScheme classificationScheme(ClassificationProperties properties,
            IdentityProperties identity, WorkspaceProperties workspace) {
        return new ClassificationScheme(properties, identity.clearanceLevels(),
                workspace.timeZone());
    }

    @Bean
    AccessPolicy accessPolicy(ClassificationScheme scheme) {
        return new AccessPolicy(scheme);
    }
}
