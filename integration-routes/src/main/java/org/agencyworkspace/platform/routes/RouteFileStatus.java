package org.agencyworkspace.platform.routes;

import java.time.Instant;
import java.util.List;

/**
 * What became of one route file.
 *
 * @param file path relative to the route folder
 * @param state loaded, or rejected (with the previous version still running if there was one)
 * @param routeIds the routes running from this file
 * @param error why the newest version was rejected, or null
 * @param line the line of the error in the file, or 0 when unknown
 * @param changedAt when this state was reached
 */
public record RouteFileStatus(String file, State state, List<String> routeIds, String error,
        int line, Instant changedAt) {

    public enum State { LOADED, REJECTED }

    public RouteFileStatus {
        routeIds = List.copyOf(routeIds);
    }
}
