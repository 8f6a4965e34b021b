package org.agencyworkspace.platform.audit;

import java.io.PrintStream;
import java.util.List;
import org.agencyworkspace.platform.CommandLineStart;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code audit verify} on the command line ({@code bin/workspace audit verify}): starts the
 * workspace without its routes, checks the audit hash chain from the genesis to the head and
 * prints the first broken link.
 */
public final class AuditCommand {

    /** Exit status when the chain is broken. */
    public static final int BROKEN = 2;

    private AuditCommand() {
    }

    public static boolean matches(String[] args) {
        return args.length >= 2 && args[0].equals("audit") && args[1].equals("verify");
    }

    /**
     * Runs the command.
     *
     * @return 0 the chain is intact, {@value #BROKEN} it is broken, 1 a bad option
     */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        List<String> unknown = CommandLineStart.commandOptions(List.of(args).subList(2, args.length));
        if (!unknown.isEmpty()) {
            out.println("audit verify: unknown option " + unknown.get(0) + "; usage: audit verify");
            return 1;
        }
        try (ConfigurableApplicationContext context = CommandLineStart.start(application, args)) {
            ChainVerification result = context.getBean(AuditChainVerifier.class).verify();
            out.print(result.toText());
            return result.intact() ? 0 : BROKEN;
        }
    }
}
