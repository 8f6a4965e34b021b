package org.agencyworkspace.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Offboarding latency: from the moment a SCIM client sends {@code active=false} until the real
 * servers show the person out (Keycloak account disabled with no session, Matrix account
 * deactivated), one leaver at a time. The baseline reaches the same end state by calling the
 * connectors directly, for as many other people, timed the same way; the two alternate, so
 * both see the same noise from the rest of the machine.
 */
final class OffboardingBenchmark {

    /** A person ready to leave: provisioned, signed in to Keycloak and Matrix. */
    private record Leaver(String userName, String scimId, String keycloakId, String matrixId) {
    }

    /**
     * @param workspace latency through SCIM and provisioning
     * @param baseline latency of the direct connector calls
     * @param queueWait for the workspace, from the SCIM answer until the poll handed the person
     *     to a worker; empty when it could not be observed
     * @param afterDispatch for the workspace, from the hand-over to a worker until the end was
     *     seen; empty when the hand-over could not be observed
     * @param scimAccepted for the workspace, until the SCIM answer (the change is stored)
     * @param probeResolution how late any measured end can be
     * @param probeRound mean time of one look at both servers
     */
    record Result(LatencySummary workspace, LatencySummary baseline, LatencySummary queueWait,
            LatencySummary afterDispatch, LatencySummary scimAccepted, Duration probeResolution,
            Duration probeRound) {
    }

    private static final Duration LEAVER_TIMEOUT = Duration.ofSeconds(60);

    private final BenchParameters parameters;
    private final BenchAccounts accounts;
    private final ScimClient scim;
    private final QueueProgress queue;
    private final DispatchTimes dispatch;
    private final ExecutorService appCalls;
    private final Duration pollInterval;

    /**
     * @param pollInterval the workspace's provisioning poll interval: each leaver comes after a
     *     random pause of up to one interval, so that leavers do not fall into step with the poll
     *     (a loop whose rounds last about one interval would otherwise meet it at the same phase
     *     every time and measure one waiting time instead of their spread)
     */
    OffboardingBenchmark(BenchParameters parameters, BenchAccounts accounts, ScimClient scim,
            QueueProgress queue, DispatchTimes dispatch, ExecutorService appCalls,
            Duration pollInterval) {
        this.parameters = parameters;
        this.accounts = accounts;
        this.scim = scim;
        this.queue = queue;
        this.dispatch = dispatch;
        this.appCalls = appCalls;
        this.pollInterval = pollInterval;
    }

    Result run(String runId) {
        // The sign-in client stays until the end: its sessions are what leaving must end.
        try (SignIns signIns = new SignIns(BenchAccounts.PREFIX + runId + "-signin")) {
            return measure(prepare(BenchAccounts.PREFIX + runId + "-off-", signIns),
                    prepare(BenchAccounts.PREFIX + runId + "-offdirect-", signIns));
        }
    }

    private Result measure(List<Leaver> throughWorkspace, List<Leaver> direct) {
        EndStateProbe probe = new EndStateProbe(parameters.probePause(), LEAVER_TIMEOUT);
        List<Duration> workspace = new ArrayList<>();
        List<Duration> baseline = new ArrayList<>();
        List<Duration> queueWait = new ArrayList<>();
        List<Duration> afterDispatch = new ArrayList<>();
        List<Duration> accepted = new ArrayList<>();
        for (int i = 0; i < parameters.leavers(); i++) {
            Leaver leaver = throughWorkspace.get(i);
            dispatch.forget(leaver.scimId());
            pauseAtRandom();
            long start = System.nanoTime();
            scim.leave(leaver.scimId());
            long acceptedAt = System.nanoTime();
            accepted.add(Duration.ofNanos(acceptedAt - start));
            long out = awaitOut(probe, leaver);
            workspace.add(Duration.ofNanos(out - start));
            // A poll may pick the change up before its SCIM answer reaches the client: no wait.
            dispatch.dispatchedAt(leaver.scimId()).map(at -> Math.max(at, acceptedAt))
                    .ifPresent(at -> {
                        queueWait.add(Duration.ofNanos(at - acceptedAt));
                        afterDispatch.add(Duration.ofNanos(out - at));
                    });

            Leaver other = direct.get(i);
            pauseAtRandom();
            long directStart = System.nanoTime();
            accounts.leaveDirectly(other.userName(), appCalls);
            baseline.add(Duration.ofNanos(awaitOut(probe, other) - directStart));
        }
        return new Result(LatencySummary.of(workspace), LatencySummary.of(baseline),
                queueWait.isEmpty() ? null : LatencySummary.of(queueWait),
                afterDispatch.isEmpty() ? null : LatencySummary.of(afterDispatch),
                LatencySummary.of(accepted), probe.resolution(), probe.meanRound());
    }

    private void pauseAtRandom() {
        Retries.pause(Duration.ofNanos(ThreadLocalRandom.current().nextLong(pollInterval.toNanos())));
    }

    private long awaitOut(EndStateProbe probe, Leaver leaver) {
        return probe.awaitNanos(() -> accounts.offboarded(leaver.keycloakId(), leaver.matrixId()),
                leaver.userName() + " offboarded");
    }

    /**
     * Joins the people through SCIM, waits until the workspace has provisioned them, then signs
     * each in to Keycloak and Matrix with a password of their own, so leaving ends something.
     */
    private List<Leaver> prepare(String prefix, SignIns signIns) {
        List<String> userNames = IntStream.rangeClosed(1, parameters.leavers())
                .mapToObj(i -> prefix + "%04d".formatted(i)).toList();
        Map<String, String> scimIds = new ConcurrentHashMap<>();
        Concurrently.forEach(userNames, parameters.clientConcurrency(),
                name -> scimIds.put(name, scim.join(name)));
        queue.awaitJoins(prefix, userNames.size(), Duration.ofMinutes(5));

        Map<String, Leaver> leavers = new ConcurrentHashMap<>();
        // Password hashing dominates here (Keycloak and Synapse each hash every password twice).
        Concurrently.forEach(userNames, 4, name -> {
            String keycloakId = accounts.keycloakId(name);
            String password = "Bench-" + UUID.randomUUID();
            accounts.setPasswords(name, keycloakId, password);
            signIns.keycloakSession(keycloakId, name, password);
            signIns.matrixDevice(name, password);
            String matrixId = accounts.matrixId(name);
            if (!accounts.signedIn(keycloakId, matrixId)) {
                throw new IllegalStateException(name + " has no Keycloak session or no Matrix device");
            }
            leavers.put(name, new Leaver(name, scimIds.get(name), keycloakId, matrixId));
        });
        return userNames.stream().map(leavers::get).toList();
    }
}
