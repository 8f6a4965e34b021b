package org.agencyworkspace.files.labels;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Shows stored labels in the file store (a WebDAV property and a system tag in Nextcloud):
 * retried, and dead-lettered when the store keeps refusing, so Nextcloud's own rules never
 * silently miss a label.
 */
@Component
public class FileLabelRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(FileLabels.SHOW_ENDPOINT)
                .routeId(FileLabels.SHOW_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(FileLabels.class, "show");
    }
}
