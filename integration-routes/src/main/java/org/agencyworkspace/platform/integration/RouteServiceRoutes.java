package org.agencyworkspace.platform.integration;

import org.apache.camel.Message;
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

    private final RouteServices services;

    public RouteServiceRoutes(RouteServices services) {
        this.services = services;
    }

    @Override
    public void configure() {
        from(NOTIFY)
                .routeId("workspace-notify")
                // Failures belong to the calling route and its error handling.
                .errorHandler(noErrorHandler())
                .process(exchange -> {
                    Message message = exchange.getMessage();
                    message.setHeader("WorkspaceMessageId", services.sendMessage(
                            message.getHeader("WorkspaceRecipient", String.class),
                            message.getHeader("WorkspaceTemplate", String.class), message.getBody(),
                            message.getHeader("WorkspaceLocale", String.class), message.getHeaders()));
                });

        from(AUDIT)
                .routeId("workspace-audit")
                .errorHandler(noErrorHandler())
                .process(exchange -> {
                    Message message = exchange.getMessage();
                    services.audit(exchange.getFromRouteId(),
                            message.getHeader("WorkspaceAuditAction", String.class),
                            message.getHeader("WorkspaceAuditCategory", String.class),
                            message.getHeader("WorkspaceAuditOutcome", String.class),
                            message.getHeader("WorkspaceAuditTarget", String.class),
                            message.getHeader("WorkspaceAuditReason", String.class));
                });
    }
}
