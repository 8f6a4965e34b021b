package org.agencyworkspace.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

/**
 * Joiner throughput: people sent to the SCIM endpoint by a client with a few requests in flight,
 * counted until every app has them (the workspace marks a change DONE only when every target's
 * step is, and records when). The baseline creates the same accounts by calling the connectors
 * directly with the same concurrency.
 */
final class JoiningBenchmark {

    /**
     * @param workspace from the first SCIM request until the last person was provisioned
     * @param scimAccepted from the first SCIM request until the last was answered
     * @param baseline from the first direct call until the last account existed
     */
    record Result(int people, Duration workspace, Duration scimAccepted, Duration baseline) {

        double workspacePerSecond() {
            return perSecond(workspace);
        }

        double baselinePerSecond() {
            return perSecond(baseline);
        }

        double acceptedPerSecond() {
            return perSecond(scimAccepted);
        }

        private double perSecond(Duration elapsed) {
            return people / (elapsed.toNanos() / 1e9);
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final BenchParameters parameters;
    private final BenchAccounts accounts;
    private final ScimClient scim;
    private final QueueProgress queue;
    private final ExecutorService appCalls;

    JoiningBenchmark(BenchParameters parameters, BenchAccounts accounts, ScimClient scim,
            QueueProgress queue, ExecutorService appCalls) {
        this.parameters = parameters;
        this.accounts = accounts;
        this.scim = scim;
        this.queue = queue;
        this.appCalls = appCalls;
    }

    Result run(String runId) {
        String workspacePrefix = BenchAccounts.PREFIX + runId + "-join-";
        String baselinePrefix = BenchAccounts.PREFIX + runId + "-joindirect-";

        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        Concurrently.forEach(names(workspacePrefix), parameters.clientConcurrency(), scim::join);
        Duration accepted = Duration.ofNanos(System.nanoTime() - startNanos);
        queue.awaitJoins(workspacePrefix, parameters.joiners(), TIMEOUT);
        Duration workspace = Duration.between(start, queue.lastJoinFinished(workspacePrefix));

        long baselineStart = System.nanoTime();
        Concurrently.forEach(names(baselinePrefix), parameters.clientConcurrency(),
                name -> accounts.joinDirectly(name, appCalls));
        Duration baseline = Duration.ofNanos(System.nanoTime() - baselineStart);

        for (String prefix : List.of(workspacePrefix, baselinePrefix)) {
            int everywhere = accounts.countJoined(prefix);
            if (everywhere != parameters.joiners()) {
                throw new IllegalStateException("only " + everywhere + " of " + parameters.joiners()
                        + " " + prefix + "* accounts are enabled in Keycloak with OTP to set up "
                        + "and active in Matrix");
            }
        }
        return new Result(parameters.joiners(), workspace, accepted, baseline);
    }

    private List<String> names(String prefix) {
        return IntStream.rangeClosed(1, parameters.joiners())
                .mapToObj(i -> prefix + "%04d".formatted(i)).toList();
    }
}
