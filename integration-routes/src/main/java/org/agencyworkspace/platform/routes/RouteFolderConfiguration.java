package org.agencyworkspace.platform.routes;

import java.time.Clock;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the YAML route folder once Camel has started, and watches it if reload is on. */
@Configuration(proxyBeanMethods = false)
public class RouteFolderConfiguration {

    @Bean(destroyMethod = "close")
    RouteFolder routeFolder(RouteFolderProperties properties, CamelContext camel,
            AuditTrail audit, Clock clock) {
        return new RouteFolder(properties.folder(), camel, audit, clock);
    }

    @Bean
    CamelContextConfiguration routeFolderStarter(RouteFolder folder,
            RouteFolderProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // Routes from the folder are added after the built-in ones exist.
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                folder.start(properties.reload() ? properties.scanInterval() : null);
            }
        };
    }
}
