package org.agencyworkspace.identity.syncope;

import org.agencyworkspace.config.SyncopeProperties;
import org.agencyworkspace.connector.syncope.SyncopeConnector;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.identity.IdentityService;
import org.agencyworkspace.identity.IdentityStore;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Turns Syncope into an identity source once {@code workspace.connectors.syncope.base-url} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${workspace.connectors.syncope.base-url:}' != ''")
public class SyncopeSourceConfiguration {

    @Bean
    SyncopeIdentitySource syncopeIdentitySource(SyncopeConnector syncope, SyncopeProperties properties,
            IdentityProperties identityProperties, IdentityService identities,
            IdentityStore store, AuditCursors cursors, DeadLetterStore deadLetters,
            AuditTrail audit) {
        return new SyncopeIdentitySource(syncope, properties, identityProperties,
                identities, store, cursors, deadLetters, audit);
    }

    @Bean
    SyncopeSourceRoutes syncopeSourceRoutes(SyncopeProperties properties,
            SyncopeIdentitySource source) {
        return new SyncopeSourceRoutes(properties.pollInterval(), source);
    }
}
