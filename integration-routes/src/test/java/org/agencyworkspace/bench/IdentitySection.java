package org.agencyworkspace.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.identity.IdentityProperties;

/**
 * The identity section of {@code docs/benchmarks.md}: parameters, machine, figures with their
 * baselines and ratios, and the targets marked met or missed.
 */
record IdentitySection(String runId, ZonedDateTime finished, Machine machine,
        BenchParameters parameters, IdentityProperties.Provisioning provisioning,
        List<String> targets, OffboardingBenchmark.Result offboarding,
        JoiningBenchmark.Result joining, int baselineRetries) {

    static final String NAME = "identity";
    private static final Duration LATENCY_TARGET = Duration.ofSeconds(2);
    private static final double THROUGHPUT_TARGET = 50;
    /** Published by a comparable SCIM server; quoted, not measured here. */
    private static final double COMPARABLE_SCIM_CREATES_PER_SECOND = 0.55;

    String markdown() {
        OffboardingBenchmark.Result off = offboarding;
        LatencySummary ws = off.workspace();
        LatencySummary base = off.baseline();
        StringBuilder md = new StringBuilder();
        md.append("## Identity provisioning\n\n");
        md.append("Measured ").append(finished.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx")))
                .append(" by `bin/workspace bench identity` (`IdentityBenchmark`, run `")
                .append(runId).append("`) against the real Keycloak and Synapse of ")
                .append("`deploy/local` on loopback.\n\n");
        md.append("- **Machine**: ").append(machine.describe()).append(".\n");
        md.append("- **Workspace**: Spring Boot application in the benchmark's JVM, embedded H2, ")
                .append("targets ").append(String.join(", ", targets))
                .append(" (Nextcloud off); provisioning poll interval ")
                .append(millis(provisioning.pollInterval())).append(", parallelism ")
                .append(provisioning.parallelism()).append(", batch size ")
                .append(provisioning.batchSize()).append(".\n");
        md.append("- **Load**: ").append(parameters.leavers()).append(" leavers and as many ")
                .append("baseline leavers; ").append(parameters.joiners()).append(" joiners and ")
                .append("as many baseline joiners; client concurrency ")
                .append(parameters.clientConcurrency()).append(".\n\n");

        md.append("### Offboarding latency — target p95 under 2 s: **")
                .append(ws.p95().compareTo(LATENCY_TARGET) < 0 ? "met" : "missed")
                .append("**\n\n");
        md.append("From the leaver event to *Keycloak account disabled with no session left and ")
                .append("Matrix account deactivated*, seen on the servers themselves. Each person ")
                .append("was signed in first (one Keycloak session, one Matrix device). Leavers go ")
                .append("**one at a time**, workspace and baseline alternating, each after a ")
                .append("random pause of up to one poll interval so that they arrive at random ")
                .append("moments of the poll's cycle.\n\n");
        md.append("- **Workspace**: the clock starts just before a SCIM client sends ")
                .append("`PATCH /scim/v2/Users/{id}` with `active=false` (so it includes the SCIM ")
                .append("call); the provisioning routes do the rest.\n");
        md.append("- **Baseline**: the clock starts before calling the connectors directly, both ")
                .append("apps at once as the workspace does: `KeycloakAdmin.findUserByUsername` + ")
                .append("`disable` (which disables and logs every session out) and ")
                .append("`SynapseAdmin.deactivate`.\n");
        md.append("- **End**: both servers are asked (Keycloak user and its sessions, Synapse ")
                .append("user) in rounds ").append(millis(parameters.probePause()))
                .append(" apart; a round took ").append(millis(off.probeRound()))
                .append(" on average, so an end is seen up to about ")
                .append(millis(off.probeResolution()))
                .append(" late, in both columns alike.\n\n");
        md.append("| | p50 | p95 | max | mean |\n|---|---:|---:|---:|---:|\n");
        md.append(row("workspace (SCIM, queue, provisioning)", ws));
        md.append(row("baseline (connectors called directly)", base));
        md.append("| ratio workspace / baseline | ").append(ratio(ws.p50(), base.p50()))
                .append(" | ").append(ratio(ws.p95(), base.p95())).append(" | ")
                .append(ratio(ws.max(), base.max())).append(" | ")
                .append(ratio(ws.mean(), base.mean())).append(" |\n\n");
        md.append("Where the workspace's time goes: the SCIM answer (change stored, audited and ")
                .append("queued) took p50 ").append(millis(off.scimAccepted().p50()))
                .append(", p95 ").append(millis(off.scimAccepted().p95())).append(". ");
        if (off.queueWait() != null) {
            LatencySummary wait = off.queueWait();
            md.append("Waiting to be handed to a worker (from the SCIM answer until a dispatch, ")
                    .append("woken by the committed change or by the poll, gave the person to a ")
                    .append("worker) took p50 ").append(millis(wait.p50())).append(", p95 ")
                    .append(millis(wait.p95())).append(", max ").append(millis(wait.max()))
                    .append(": **").append(percent(wait.mean(), ws.mean()))
                    .append("** of the mean latency, and ")
                    .append(ratio(wait.mean(), base.mean()))
                    .append(" times the whole baseline. After the hand-over the rest took p50 ")
                    .append(millis(off.afterDispatch().p50())).append(", p95 ")
                    .append(millis(off.afterDispatch().p95())).append(". ")
                    .append(wait.mean().multipliedBy(2).compareTo(ws.mean()) > 0
                            ? "Waiting for a dispatch is the largest part of the latency"
                            : "Most of the latency is the apps' own work after the hand-over")
                    .append(ws.p95().compareTo(LATENCY_TARGET) < 0
                            ? ", and the target is met.\n\n"
                            : ", and the target is missed.\n\n");
        } else {
            md.append("The hand-over to a worker was not observed, so the poll's share is ")
                    .append("unknown in this run.\n\n");
        }

        JoiningBenchmark.Result join = joining;
        md.append("### Joiner throughput — target at least 50 per second: **")
                .append(join.workspacePerSecond() >= THROUGHPUT_TARGET ? "met" : "missed")
                .append("**\n\n");
        md.append(join.people()).append(" new people, sent by a SCIM client with ")
                .append(parameters.clientConcurrency()).append(" requests in flight ")
                .append("(`POST /scim/v2/Users`), counted until every app had them: the workspace ")
                .append("marks a change done, with its time, only when every target's step is. ")
                .append("Afterwards every account was checked on the servers: enabled in Keycloak ")
                .append("with OTP set-up required, active in Matrix. The baseline creates the same ")
                .append("accounts with the same concurrency through the connectors directly ")
                .append("(`KeycloakAdmin.createOrUpdateUser` + `grantRealmRoles`, and ")
                .append("`SynapseAdmin.createOrUpdateUser`, both apps at once). Workspace first, ")
                .append("then baseline.\n\n");
        md.append("| | elapsed | people per second |\n|---|---:|---:|\n");
        md.append("| workspace: SCIM until provisioned everywhere | ").append(seconds(join.workspace()))
                .append(" | ").append(oneDecimal(join.workspacePerSecond())).append(" |\n");
        md.append("| (of which SCIM answers only) | ").append(seconds(join.scimAccepted()))
                .append(" | ").append(oneDecimal(join.acceptedPerSecond())).append(" |\n");
        md.append("| baseline: connectors called directly | ").append(seconds(join.baseline()))
                .append(" | ").append(oneDecimal(join.baselinePerSecond())).append(" |\n");
        md.append("| ratio workspace / baseline (throughput) | | ")
                .append(String.format(Locale.ROOT, "%.2f", join.workspacePerSecond()
                        / join.baselinePerSecond())).append(" |\n\n");
        md.append("For scale: a comparable SCIM server publishes ")
                .append(COMPARABLE_SCIM_CREATES_PER_SECOND)
                .append(" creates per second (quoted, not measured here).\n\n");
        md.append("Baseline calls retried after a transient refusal (5xx or 429): ")
                .append(baselineRetries).append(". Every `bench-*` account is removed afterwards ")
                .append("(deleted in Keycloak, deactivated and erased in Synapse).\n");
        return md.toString();
    }

    private static String row(String label, LatencySummary latency) {
        return "| " + label + " | " + millis(latency.p50()) + " | " + millis(latency.p95()) + " | "
                + millis(latency.max()) + " | " + millis(latency.mean()) + " |\n";
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.0f ms", duration.toNanos() / 1e6);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(Duration part, Duration whole) {
        return String.format(Locale.ROOT, "%.2f", part.toNanos() / (double) whole.toNanos());
    }

    private static String percent(Duration part, Duration whole) {
        return String.format(Locale.ROOT, "%.0f %%", 100.0 * part.toNanos() / whole.toNanos());
    }
}
