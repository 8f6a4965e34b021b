package org.agencyworkspace.health;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Checks the outside systems on a period and reports changes to administrators. */
@Component
public class ConnectorWatchRoutes extends EndpointRouteBuilder {

    private final ConnectorStatusProperties properties;
    private final ConnectorWatch watch;

    public ConnectorWatchRoutes(ConnectorStatusProperties properties, ConnectorWatch watch) {
        this.properties = properties;
        this.watch = watch;
    }

    @Override
    public void configure() {
        from(timer("connector-watch").period(properties.watchInterval().toMillis()).delay(0))
                .routeId("connector-watch")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(watch.check()));
    }
}
