package org.agencyworkspace.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.agencyworkspace.connector.ProbeResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Checks outside systems, in parallel, and keeps each result for a short while so that health,
 * the home page and the watch route share one check instead of each sending their own.
 */
@Service
public class ConnectorStatusService implements DisposableBean {

    private final Map<String, MonitoredConnector> connectors = new LinkedHashMap<>();
    private final Map<String, ConnectorStatus> cache = new ConcurrentHashMap<>();
    private final Duration cacheTtl;
    private final Clock clock;
    private final ExecutorService probes = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "connector-probe");
        thread.setDaemon(true);
        return thread;
    });

    public ConnectorStatusService(List<MonitoredConnector> connectors,
            ConnectorStatusProperties properties, Clock clock) {
        connectors.forEach(connector -> this.connectors.put(connector.id(), connector));
        this.cacheTtl = properties.cacheTtl();
        this.clock = clock;
    }

    /** Names of all known connectors, in registration order. */
    public List<String> ids() {
        return List.copyOf(connectors.keySet());
    }

    /** The status of one connector, checked now unless a fresh result is cached. */
    public ConnectorStatus status(String id) {
        MonitoredConnector connector = connectors.get(id);
        if (connector == null) {
            throw new NoSuchElementException("no connector " + id);
        }
        ConnectorStatus cached = cache.get(id);
        if (cached != null && cached.checkedAt().plus(cacheTtl).isAfter(clock.instant())) {
            return cached;
        }
        ConnectorStatus fresh = check(connector);
        cache.put(id, fresh);
        return fresh;
    }

    /** The status of every connector; stale ones are checked in parallel. */
    public List<ConnectorStatus> all() {
        List<CompletableFuture<ConnectorStatus>> checks = connectors.keySet().stream()
                .map(id -> CompletableFuture.supplyAsync(() -> status(id), probes))
                .toList();
        return checks.stream().map(CompletableFuture::join).toList();
    }

    private ConnectorStatus check(MonitoredConnector connector) {
        Instant now = clock.instant();
        if (!connector.isConfigured()) {
            return new ConnectorStatus(connector.id(), ConnectorStatus.State.NOT_CONFIGURED,
                    "set " + connector.configHint(), Duration.ZERO, now, Map.of(),
                    connector.configHint());
        }
        ProbeResult result = connector.probe().orElseThrow().probe();
        return new ConnectorStatus(connector.id(),
                result.up() ? ConnectorStatus.State.UP : ConnectorStatus.State.DOWN,
                result.detail(), result.latency(), now, result.facts(), connector.configHint());
    }

    @Override
    public void destroy() {
        probes.shutdownNow();
    }
}
