package org.agencyworkspace.platform.routes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Route files and running routes, for operators and integrators. */
@RestController
@RequestMapping("/api/admin/routes")
@Tag(name = "Routes")
public class RouteFilesApi {

    private final RouteFolder folder;
    private final CamelContext camel;

    public RouteFilesApi(RouteFolder folder, CamelContext camel) {
        this.folder = folder;
        this.camel = camel;
    }

    /**
     * One running route.
     *
     * @param id route id
     * @param from the endpoint it consumes from, sanitised of query options
     * @param status Camel's status (Started, Stopped, ...)
     * @param source where it was defined: a route file, or {@code built-in}
     */
    public record RunningRoute(String id, String from, String status, String source) {
    }

    /**
     * The folder and its files, plus every running route.
     *
     * @param folder the route folder
     * @param files status of each file
     * @param routes every route in the application
     */
    public record RoutesOverview(String folder, List<RouteFileStatus> files,
            List<RunningRoute> routes) {
    }

    @GetMapping
    @Operation(summary = "Route files with their load status, and all running routes")
    public RoutesOverview overview() {
        List<RouteFileStatus> files = folder.statuses();
        List<RunningRoute> routes = camel.getRoutes().stream()
                .sorted(Comparator.comparing(org.apache.camel.Route::getRouteId))
                .map(route -> new RunningRoute(route.getRouteId(),
                        route.getEndpoint().getEndpointBaseUri(),
                        camel.getRouteController().getRouteStatus(route.getRouteId()).name(),
                        files.stream().filter(file -> file.routeIds().contains(route.getRouteId()))
                                .map(RouteFileStatus::file).findFirst().orElse("built-in")))
                .toList();
        return new RoutesOverview(folder.folder().toString(), files, routes);
    }

    @PostMapping("/rescan")
    @Operation(summary = "Check the route folder for changes now instead of at the next scan")
    public List<RouteFileStatus> rescan() {
        folder.scan();
        return folder.statuses();
    }
}
