package org.agencyworkspace.files.shares;

import java.util.Map;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.FilesProperties;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.events.WorkspaceEventComponent;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The share guard's schedule, and its check of one file as soon as a label change is published
 * (retried and dead-lettered, so a file whose forbidden share could not be removed stays visible
 * to an operator; the next scheduled scan tries it again too).
 */
@Component
public class ShareGuardRoutes extends EndpointRouteBuilder {

    private final ShareGuard guard;
    private final FilesProperties.ShareGuard settings;

    public ShareGuardRoutes(ShareGuard guard, FilesProperties files) {
        this.guard = guard;
        this.settings = files.shareGuard();
    }

    @Override
    public void configure() {
        long interval = settings.interval().toMillis();
        // No dead-letter handling: a scan that fails is the next scan's work.
        from(timer("share-guard").period(interval).delay(interval))
                .routeId("share-guard-scan")
                .autoStartup(settings.enabled())
                .process(exchange -> guard.scan());

        from("workspace-event:file.*")
                .routeId("share-guard-file")
                .autoStartup(settings.enabled())
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .filter(header(WorkspaceEventComponent.TYPE).in((Object[]) FileEvents.LABEL_CHANGES))
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .setBody(simple("${body[data][path]}"))
                .process(exchange -> guard.guard(exchange.getMessage().getBody(String.class)));
    }
}
