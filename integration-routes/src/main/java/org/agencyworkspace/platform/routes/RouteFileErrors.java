package org.agencyworkspace.platform.routes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.FailedToCreateRouteException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Turns Camel's load and start failures into one line for the integrator, with the line number. */
final class RouteFileErrors {

    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private RouteFileErrors() {
    }

    /** The line of the problem in the YAML file, or 0 when it cannot be told. */
    static int line(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked
                    && marked.getProblemMark().isPresent()) {
                return marked.getProblemMark().get().getLine() + 1;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher matcher = LINE.matcher(String.valueOf(cause.getMessage()));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return 0;
    }

    /**
     * The YAML problem when the parser found one; otherwise the deepest cause's message,
     * prefixed with the route id when Camel named one.
     */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked) {
                String context = marked.getContext();
                String problem = marked.getProblem();
                return context == null ? problem : context + ": " + problem;
            }
        }
        String routeId = null;
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailedToCreateRouteException created && routeId == null) {
                routeId = created.getRouteId();
            }
            deepest = cause;
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName()
                : firstLine(deepest.getMessage());
        return routeId == null ? message : "route " + routeId + ": " + message;
    }

    static boolean mentionsRoute(Throwable failure, String routeId) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailedToCreateRouteException created
                    && routeId.equals(created.getRouteId())) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
