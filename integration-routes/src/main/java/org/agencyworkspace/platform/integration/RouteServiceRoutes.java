package org.agencyworkspace.platform.integration;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Endpoints through which any route, Java or YAML, uses the workspace's seams:
 * <ul>
 *   <li>{@code direct:workspace-notify}: headers {@code WorkspaceRecipient}
 *       ({@code user:alice}, {@code group:it}, {@code room:<id>}), {@code WorkspaceTemplate},
 *       optional {@code WorkspaceLocale}; body a map of parameters or a text (parameter
 *       {@code text}); headers {@code WorkspaceParamTitle} etc. add parameters ({@code title}).
 *       Sets {@code WorkspaceMessageId}.</li>
 *   <li>{@code direct:workspace-audit}: headers {@code WorkspaceAuditAction}, optional
 *       {@code WorkspaceAuditCategory}, {@code WorkspaceAuditOutcome},
 *       {@code WorkspaceAuditTarget} ({@code type:id}) and {@code WorkspaceAuditReason}.</li>
 * </ul>
 * Both leave the body unchanged, so they can sit in the middle of a route. Bad arguments are
 * permanent failures of the calling route.
 */
@Component
public class RouteServiceRoutes extends RouteBuilder {

    public static final String NOTIFY = "direct:workspace-notify";
    public static final String AUDIT = "direct:workspace-audit";

    @Override
    public void configure() {
        from(NOTIFY)
                .routeId("workspace-notify")
                // Failures belong to the calling route and its error handling.
                .errorHandler(noErrorHandler())
                .setHeader("WorkspaceMessageId").method(RouteServices.class,
                        "sendMessage(${header.WorkspaceRecipient}, ${header.WorkspaceTemplate}, "
                                + "${body}, ${header.WorkspaceLocale}, ${headers})");

        from(AUDIT)
                .routeId("workspace-audit")
                .errorHandler(noErrorHandler())
                .bean(RouteServices.class, "audit(${exchange.fromRouteId}, "
                        + "${header.WorkspaceAuditAction}, ${header.WorkspaceAuditCategory}, "
                        + "${header.WorkspaceAuditOutcome}, ${header.WorkspaceAuditTarget}, "
                        + "${header.WorkspaceAuditReason})");
    }
}
