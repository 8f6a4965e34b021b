package org.agencyworkspace.platform.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads integrators' YAML routes from a folder, one file at a time, and keeps them in step with
 * the folder while running. A file with an error is rejected with its line and reason; routes
 * from other files, and the previous version of the same file, keep running.
 *
 * <p>Route files are trusted configuration: they run with the workspace's rights. The workspace
 * does not start from a route folder that another user owns or may write, and rejects a file
 * (or a file below a folder) that someone else may write ({@link RouteFolderTrust}); each file
 * loaded is recorded in the audit trail with its SHA-256 digest.
 */
public class RouteFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFolder.class);

    private final Path folder;
    private final CamelContext camel;
    private final AuditTrail audit;
    private final Clock clock;
    private final RouteFolderTrust trust;
    private final Map<String, LoadedFile> loaded = new HashMap<>();
    private final Map<String, RouteFileStatus> statuses = new ConcurrentHashMap<>();
    /** Digest of each rejected file, so an unchanged broken file is not reported every scan. */
    private final Map<String, String> rejectedDigests = new HashMap<>();
    private ScheduledExecutorService watcher;

    /** A file whose routes are running: its content (to restore it) and its route ids. */
    private record LoadedFile(String digest, String content, List<String> routeIds) {
    }

    /** A file that could not be loaded, and where. */
    static final class RejectedFileException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        RejectedFileException(String reason, int line, Throwable cause) {
            super(reason, cause);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    public RouteFolder(Path folder, CamelContext camel, AuditTrail audit, Clock clock) {
        this(folder, camel, audit, clock, RouteFolderTrust.ofThisProcess());
    }

    RouteFolder(Path folder, CamelContext camel, AuditTrail audit, Clock clock,
            RouteFolderTrust trust) {
        this.folder = folder.toAbsolutePath().normalize();
        this.camel = camel;
        this.audit = audit;
        this.clock = clock;
        this.trust = trust;
    }

    /**
     * Loads every file now and, if {@code scanInterval} is given, rescans on that period.
     *
     * @throws IllegalStateException naming the path when the folder is not the workspace's own
     */
    public synchronized void start(java.time.Duration scanInterval) {
        try {
            if (!Files.isDirectory(folder)) {
                // Writable by the workspace alone, whatever the umask (002 on many desktops).
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create route folder " + folder, e);
        }
        Optional<String> untrusted = trust.distrust(folder);
        if (untrusted.isPresent()) {
            audit.record(AuditEvent.of("route-folder.refuse", "configuration")
                    .failure(untrusted.get()).target("route-folder", folder.toString()).build());
            throw new IllegalStateException("Route folder refused: " + untrusted.get()
                    + ". Route files run with the workspace's rights; make the folder belong to "
                    + "the workspace's user and writable by it alone (chmod go-w), or set "
                    + "workspace.routes.folder to one that is.");
        }
        scan();
        if (scanInterval != null) {
            watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "route-folder-watch");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(100, scanInterval.toMillis());
            watcher.scheduleWithFixedDelay(this::scanQuietly, period, period, TimeUnit.MILLISECONDS);
        }
        LOG.info("Route folder {}: {} file(s) loaded, {} rejected; reload {}", folder,
                count(RouteFileStatus.State.LOADED), count(RouteFileStatus.State.REJECTED),
                scanInterval == null ? "off" : "every " + scanInterval);
    }

    /** Brings the running routes in step with the folder: new, changed and removed files. */
    public synchronized void scan() {
        Optional<String> untrusted = trust.distrust(folder);
        if (untrusted.isPresent()) {
            // Became writable by others while running: load nothing more from it.
            LOG.error("Route folder {} no longer trusted, changes are not loaded: {}", folder,
                    untrusted.get());
            return;
        }
        Map<String, String> present = readFolder();
        for (String file : List.copyOf(loaded.keySet())) {
            if (!present.containsKey(file)) {
                unload(file);
            }
        }
        statuses.keySet().removeIf(file -> !present.containsKey(file));
        present.forEach((file, content) -> {
            LoadedFile current = loaded.get(file);
            RouteFileStatus status = statuses.get(file);
            String digest = digest(content);
            boolean unchanged = current != null && current.digest().equals(digest);
            boolean sameRejected = status != null && status.state() == RouteFileStatus.State.REJECTED
                    && digest.equals(rejectedDigests.get(file));
            if (!unchanged && !sameRejected) {
                Optional<String> distrusted = trust.distrust(folder, folder.resolve(file));
                if (distrusted.isPresent()) {
                    reject(file, digest, new RejectedFileException("refused: " + distrusted.get()
                            + "; route files run with the workspace's rights", 0, null));
                } else {
                    load(file, content, digest);
                }
            }
        });
    }

    /** Status of every file in the folder, by relative path. */
    public List<RouteFileStatus> statuses() {
        return new TreeMap<>(statuses).values().stream().toList();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Scanning route folder {} failed: {}", folder, e.getMessage());
        }
    }

    private void load(String file, String content, String digest) {
        LoadedFile previous = loaded.get(file);
        try {
            RouteBuilder builder = parse(file, content);
            List<String> ids = routeIds(builder);
            checkIdsFree(file, ids);
            if (previous != null) {
                removeRoutes(previous.routeIds());
                loaded.remove(file);
            }
            try {
                addRoutes(builder, ids);
            } catch (RejectedFileException e) {
                if (previous != null) {
                    restore(file, previous);
                }
                throw e;
            }
            loaded.put(file, new LoadedFile(digest, content, ids));
            rejectedDigests.remove(file);
            statuses.put(file, new RouteFileStatus(file, RouteFileStatus.State.LOADED, ids, null, 0,
                    clock.instant()));
            LOG.info("Route file {} loaded: {} (sha256 {})", file, ids, digest);
            auditChange("route-file.load", file, null, ids, digest);
        } catch (RejectedFileException e) {
            reject(file, digest, e);
        }
    }

    private void reject(String file, String digest, RejectedFileException e) {
        LoadedFile previous = loaded.get(file);
        rejectedDigests.put(file, digest);
        List<String> stillRunning = previous == null ? List.of() : previous.routeIds();
        statuses.put(file, new RouteFileStatus(file, RouteFileStatus.State.REJECTED,
                stillRunning, e.getMessage(), e.line(), clock.instant()));
        LOG.warn("Route file {} rejected{}: {}; {}", file,
                e.line() > 0 ? " at line " + e.line() : "", e.getMessage(),
                previous == null ? "the other routes keep running"
                        : "its previous version keeps running");
        auditChange("route-file.reject", file, e.getMessage(), List.of(), digest);
    }

    private RouteBuilder parse(String file, String content) throws RejectedFileException {
        Resource resource = ResourceHelper.fromString("file:" + folder.resolve(file), content);
        Collection<RoutesBuilder> builders;
        try {
            builders = PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource);
            if (builders.size() != 1 || !(builders.iterator().next() instanceof RouteBuilder)) {
                throw new RejectedFileException("not a YAML route file", 0, null);
            }
            RouteBuilder builder = (RouteBuilder) builders.iterator().next();
            // Parsing happens here; syntax errors and unknown keys surface with their line.
            builder.configureRoutes(camel);
            return builder;
        } catch (RejectedFileException e) {
            throw e;
        } catch (Exception e) {
            throw new RejectedFileException(RouteFileErrors.reason(e), RouteFileErrors.line(e), e);
        }
    }

    private static List<String> routeIds(RouteBuilder builder) throws RejectedFileException {
        List<String> ids = new ArrayList<>();
        for (RouteDefinition route : builder.getRouteCollection().getRoutes()) {
            if (route.getId() == null || route.getId().isBlank()) {
                throw new RejectedFileException("every route needs an id", lineOf(route), null);
            }
            if (ids.contains(route.getId())) {
                throw new RejectedFileException("route id " + route.getId() + " appears twice",
                        lineOf(route), null);
            }
            ids.add(route.getId());
        }
        if (ids.isEmpty()) {
            throw new RejectedFileException("no route in file", 0, null);
        }
        return ids;
    }

    private void checkIdsFree(String file, List<String> ids) throws RejectedFileException {
        Set<String> ownIds = loaded.containsKey(file) ? Set.copyOf(loaded.get(file).routeIds())
                : Set.of();
        for (String id : ids) {
            if (!ownIds.contains(id) && camel.getRoute(id) != null) {
                throw new RejectedFileException("route id " + id + " is already used by "
                        + ownerOf(id), 0, null);
            }
        }
    }

    private String ownerOf(String routeId) {
        return loaded.entrySet().stream()
                .filter(entry -> entry.getValue().routeIds().contains(routeId))
                .map(entry -> "route file " + entry.getKey())
                .findFirst()
                .orElse("a built-in route");
    }

    private void addRoutes(RouteBuilder builder, List<String> ids) throws RejectedFileException {
        try {
            camel.addRoutes(builder);
        } catch (Exception e) {
            int line = RouteFileErrors.line(e);
            if (line == 0) {
                line = builder.getRouteCollection().getRoutes().stream()
                        .filter(route -> RouteFileErrors.mentionsRoute(e, route.getId()))
                        .mapToInt(RouteFolder::lineOf).findFirst().orElse(0);
            }
            removeRoutes(ids);
            throw new RejectedFileException(RouteFileErrors.reason(e), line, e);
        }
    }

    private void restore(String file, LoadedFile previous) {
        try {
            RouteBuilder builder = parse(file, previous.content());
            camel.addRoutes(builder);
            loaded.put(file, previous);
        } catch (Exception e) {
            // The previous version ran a moment ago; failing now means its endpoints changed.
            LOG.error("Route file {}: previous version could not be restored: {}", file,
                    e.getMessage());
        }
    }

    private void unload(String file) {
        LoadedFile previous = loaded.remove(file);
        removeRoutes(previous.routeIds());
        rejectedDigests.remove(file);
        LOG.info("Route file {} removed; stopped {}", file, previous.routeIds());
        auditChange("route-file.remove", file, null, previous.routeIds(), previous.digest());
    }

    private void removeRoutes(List<String> ids) {
        ModelCamelContext model = (ModelCamelContext) camel;
        for (String id : ids) {
            try {
                if (camel.getRoute(id) != null) {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                }
                RouteDefinition definition = model.getRouteDefinition(id);
                if (definition != null) {
                    model.removeRouteDefinition(definition);
                }
            } catch (Exception e) {
                LOG.warn("Stopping route {} failed: {}", id, e.getMessage());
            }
        }
    }

    private Map<String, String> readFolder() {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.filter(Files::isRegularFile)
                    .filter(RouteFolder::isRouteFile)
                    .forEach(path -> {
                        String relative = folder.relativize(path).toString().replace('\\', '/');
                        try {
                            files.put(relative, Files.readString(path, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            // Half-written or unreadable: try again on the next scan.
                            LOG.debug("Cannot read route file {} yet: {}", relative, e.getMessage());
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list route folder " + folder, e);
        }
        return files;
    }

    private static boolean isRouteFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".");
    }

    private static int lineOf(RouteDefinition route) {
        int line = route.getLineNumber();
        if (line <= 0 && route.getInput() != null) {
            line = route.getInput().getLineNumber();
        }
        return Math.max(line, 0);
    }

    private long count(RouteFileStatus.State state) {
        return statuses.values().stream().filter(status -> status.state() == state).count();
    }

    private void auditChange(String action, String file, String failure, List<String> ids,
            String digest) {
        AuditEvent.Builder event = AuditEvent.of(action, "configuration")
                .target("route-file", file)
                .details(Map.of("routes", String.join(",", ids), "sha256", digest));
        audit.record((failure == null ? event.success() : event.failure(failure)).build());
    }

    private static String digest(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
