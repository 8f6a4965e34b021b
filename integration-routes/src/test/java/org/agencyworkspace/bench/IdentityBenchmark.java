package org.agencyworkspace.bench;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.identity.provisioning.IdentityTargets;
import org.agencyworkspace.support.ProvisioningStack;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Identity provisioning against the real Keycloak and Synapse of deploy/local: offboarding
 * latency and joiner throughput, each side by side with its baseline (the connectors called
 * directly), written to the identity section of {@code docs/benchmarks.md}.
 *
 * <p>Not part of the test suite: only the {@code benchmarks} Maven profile runs it
 * ({@code bin/workspace bench identity}). It asserts nothing about speed; it fails only when
 * the work itself does not get done.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityBenchmark.class);
    private static final String SCIM_TOKEN = "bench-" + UUID.randomUUID();
    /** Short, hex only: safe in user names and in SQL LIKE patterns. */
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        ProvisioningStack.register(registry, dataDir);
        registry.add("workspace.identity.scim.bearer-token", () -> SCIM_TOKEN);
    }

    @TestConfiguration
    static class Observers {
        @Bean
        DispatchTimes dispatchTimes() {
            return new DispatchTimes();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DispatchTimes dispatch;

    @Autowired
    IdentityProperties identity;

    @Autowired
    IdentityTargets targets;

    @Test
    void offboardingLatencyAndJoinerThroughputAgainstDirectConnectorCalls() throws Exception {
        BenchParameters parameters = BenchParameters.fromSystemProperties();
        BenchAccounts accounts = new BenchAccounts();
        ScimClient scim = new ScimClient(port, SCIM_TOKEN);
        QueueProgress queue = new QueueProgress(jdbc);
        ExecutorService appCalls = Executors.newCachedThreadPool();
        try {
            LOG.info("Identity benchmark {}: removed leftovers of earlier runs: {}", RUN_ID,
                    accounts.removeAll());
            LOG.info("Identity benchmark {}: offboarding {} leavers, one at a time", RUN_ID,
                    parameters.leavers());
            OffboardingBenchmark.Result offboarding = new OffboardingBenchmark(parameters,
                    accounts, scim, queue, dispatch, appCalls,
                    identity.provisioning().pollInterval()).run(RUN_ID);
            LOG.info("Identity benchmark {}: joining {} people", RUN_ID, parameters.joiners());
            JoiningBenchmark.Result joining = new JoiningBenchmark(parameters, accounts, scim,
                    queue, appCalls).run(RUN_ID);

            IdentitySection section = new IdentitySection(RUN_ID, ZonedDateTime.now(),
                    Machine.current(), parameters, identity.provisioning(), targets.names(),
                    offboarding, joining, accounts.retriesSoFar());
            Path report = Path.of(System.getProperty("bench.report",
                    StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md").toString()));
            new BenchmarkReport(report).writeSection(IdentitySection.NAME, section.markdown());
            LOG.info("Identity benchmark {} written to {}:\n{}", RUN_ID, report, section.markdown());
        } finally {
            LOG.info("Identity benchmark {}: removed its accounts: {}", RUN_ID,
                    accounts.removeAll());
            appCalls.shutdownNow();
        }
    }
}
