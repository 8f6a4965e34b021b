package org.agencyworkspace.files.integration;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Files for routes, Java or YAML, acting as {@code route:<id>} of the route the exchange started
 * in (see {@link FileRouteServices} for what that principal may take):
 * <ul>
 *   <li>{@code direct:workspace-files-list}: header {@code WorkspaceFilePath} (a folder); the body
 *       becomes a list of maps ({@code path}, {@code name}, {@code folder}, {@code size},
 *       {@code contentType}, {@code level}) of what the route may read.</li>
 *   <li>{@code direct:workspace-files-get}: header {@code WorkspaceFilePath} (a file); the body
 *       becomes its bytes, with {@code CamelFileName}, {@code Content-Type} and
 *       {@code WorkspaceFileLevel} set. A labelled file is refused.</li>
 * </ul>
 * A refusal fails the calling route permanently (straight to the dead-letter store, no retries)
 * and is audited as the route's refused download.
 */
@Component
public class FileRouteServiceRoutes extends RouteBuilder {

    public static final String LIST = "direct:workspace-files-list";
    public static final String GET = "direct:workspace-files-get";
    public static final String PATH_HEADER = "WorkspaceFilePath";
    public static final String LEVEL_HEADER = "WorkspaceFileLevel";

    private final FileRouteServices files;

    public FileRouteServiceRoutes(FileRouteServices files) {
        this.files = files;
    }

    @Override
    public void configure() {
        from(LIST)
                .routeId("workspace-files-list")
                // Failures belong to the calling route and its error handling.
                .errorHandler(noErrorHandler())
                .process(exchange -> exchange.getMessage().setBody(
                        files.list(exchange.getFromRouteId(), path(exchange))));

        from(GET)
                .routeId("workspace-files-get")
                .errorHandler(noErrorHandler())
                .process(exchange -> {
                    FileRouteServices.RouteFile file =
                            files.get(exchange.getFromRouteId(), path(exchange));
                    exchange.getMessage().setBody(file.content());
                    exchange.getMessage().setHeader(Exchange.FILE_NAME, file.name());
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, file.contentType());
                    exchange.getMessage().setHeader(LEVEL_HEADER, file.level());
                });
    }

    private static String path(Exchange exchange) {
        String path = exchange.getMessage().getHeader(PATH_HEADER, String.class);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(PATH_HEADER + " header required");
        }
        return path;
    }
}
