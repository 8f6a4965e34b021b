package org.agencyworkspace.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test JVM never opens the {@code data/} folder of a checkout, the one {@code bin/workspace run}
 * keeps the try-it-out agency in (issue 22: a database there was found emptied after a test run).
 * No test is known to reach it — unit tests run with {@code WORKSPACE_DATA_DIR=target/test-data},
 * integration tests set their own folder and run from the module folder — so this makes sure a
 * test that forgets its folder while running from the checkout root fails instead.
 */
final class CheckoutDataGuard {

    private static final String JUNIT = "org.junit.platform.engine.TestEngine";

    private CheckoutDataGuard() {
    }

    /** Refuses {@code dataDir} when it is a checkout's {@code data/} and JUnit is running this JVM. */
    static void refuseInTests(Path dataDir) {
        if (isCheckoutData(dataDir) && junitPresent()) {
            throw new IllegalStateException("workspace.data-dir " + dataDir.toAbsolutePath().normalize()
                    + " is the data folder of a checkout (bin/workspace run's): a test must use its own"
                    + " (see support/WorkspaceDataDir)");
        }
    }

    static boolean isCheckoutData(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path checkout = dir.getParent();
        return checkout != null && dir.getFileName().toString().equals("data")
                && Files.isRegularFile(checkout.resolve("bin").resolve("workspace"))
                && Files.isRegularFile(checkout.resolve("pom.xml"));
    }

    private static boolean junitPresent() {
        try {
            Class.forName(JUNIT, false, CheckoutDataGuard.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
