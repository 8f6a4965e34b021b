package org.agencyworkspace.identity.reconciliation;

import java.io.PrintStream;
import java.util.List;
import org.agencyworkspace.platform.CommandLineStart;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code identity reconcile [--dry-run]} on the command line ({@code bin/workspace identity
 * reconcile}): starts the workspace without its routes (so it does not compete with a running
 * one), runs one reconciliation, prints the report and exits. Repairs are queued changes: the
 * running workspace applies them.
 */
public final class ReconcileCommand {

    /** Exit status when drift remains (a dry run that found some, or drift left alone). */
    public static final int DRIFT_REMAINS = 2;

    private ReconcileCommand() {
    }

    /** Whether the command line asks for this command. */
    public static boolean matches(String[] args) {
        return args.length >= 2 && args[0].equals("identity") && args[1].equals("reconcile");
    }

    /**
     * Runs the command.
     *
     * @return the process exit status: 0 no drift left, {@value #DRIFT_REMAINS} drift remains,
     *     1 a bad option
     */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        List<String> options = List.of(args).subList(2, args.length);
        boolean dryRun = options.contains("--dry-run");
        List<String> unknown = CommandLineStart.commandOptions(options).stream()
                .filter(option -> !option.equals("--dry-run"))
                .toList();
        if (!unknown.isEmpty()) {
            out.println("identity reconcile: unknown option " + unknown.get(0)
                    + "; usage: identity reconcile [--dry-run]");
            return 1;
        }
        try (ConfigurableApplicationContext context = CommandLineStart.start(application, args)) {
            ReconciliationReport report = context.getBean(IdentityReconciliation.class)
                    .reconcile(dryRun, "cli:" + System.getProperty("user.name", "operator"));
            out.print(report.toText());
            if (!dryRun && report.repairedCount() > 0) {
                out.println("Repairs are queued; the running workspace applies them.");
            }
            return report.driftRemains() ? DRIFT_REMAINS : 0;
        }
    }
}
