package org.agencyworkspace.files.shares;

import org.agencyworkspace.files.FilesProperties;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The share guard's schedule, and its check of one file when a label changes (retried and
 * dead-lettered, so a file whose forbidden share could not be removed stays visible).
 */
@Component
public class ShareGuardRoutes extends EndpointRouteBuilder {

    /** Checks one file's shares; body: its path. */
    public static final String GUARD_FILE = "direct:share-guard-file";

    private final FilesProperties.ShareGuard settings;

    public ShareGuardRoutes(FilesProperties files) {
        this.settings = files.shareGuard();
    }

    @Override
    public void configure() {
        long interval = settings.interval().toMillis();
        // No dead-letter handling: a scan that fails is the next scan's work.
        from(timer("share-guard").period(interval).delay(interval))
                .routeId("share-guard-scan")
                .autoStartup(settings.enabled())
                .bean(ShareGuard.class, "scan");

        from(GUARD_FILE)
                .routeId("share-guard-file")
                .autoStartup(settings.enabled())
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(ShareGuard.class, "guard(${body})");
    }
}
