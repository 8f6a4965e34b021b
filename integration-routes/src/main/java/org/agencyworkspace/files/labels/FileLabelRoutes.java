package org.agencyworkspace.files.labels;

import java.util.Map;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.events.WorkspaceEventComponent;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * Shows stored labels in the file store (a WebDAV property and a system tag in Nextcloud) once the
 * label change is committed and published: retried, and dead-lettered when the store keeps
 * refusing, so Nextcloud's own rules never silently miss a label. The event log holds the change
 * until this route has taken it, so a crash in between shows the label after the restart.
 */
@Component
public class FileLabelRoutes extends EndpointRouteBuilder {

    private final FileLabels labels;

    public FileLabelRoutes(FileLabels labels) {
        this.labels = labels;
    }

    @Override
    public void configure() {
        from("workspace-event:file.*")
                .routeId(FileLabels.SHOW_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .filter(header(WorkspaceEventComponent.TYPE).in((Object[]) FileEvents.LABEL_CHANGES))
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .setBody(simple("${body[data][path]}"))
                .process(exchange -> labels.show(exchange.getMessage().getBody(String.class)));
    }
}
