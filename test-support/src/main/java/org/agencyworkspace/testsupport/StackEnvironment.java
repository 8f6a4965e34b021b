package org.agencyworkspace.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Finds the real services that {@code deploy/local/stack up} started, through the variables
 * that {@code deploy/local/stack env} prints. A missing variable fails the test with the
 * command that fixes it: integration tests never skip because a server is absent.
 */
public final class StackEnvironment {

    private StackEnvironment() {
    }

    /** The value of {@code name} from the environment or a system property of the same name. */
    public static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set. Start the real services with "
                    + "`bin/workspace stack up` and run `eval \"$(deploy/local/stack env)\"`, "
                    + "or run the whole suite with `bin/workspace test`.");
        }
        return value;
    }

    /** The repository root, found by walking up to the folder holding {@code deploy/local}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy").resolve("local"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * Runs {@code deploy/local/stack <action> <service>} and waits for it; used by tests that
     * stop a service to watch the workspace notice.
     *
     * @throws IllegalStateException when the command fails or takes more than five minutes
     */
    public static void stack(String action, String service) {
        Path root = repositoryRoot();
        ProcessBuilder command = new ProcessBuilder(root.resolve("deploy/local/stack").toString(),
                action, service).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        try {
            Process process = command.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("stack " + action + " " + service + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("stack " + action + " " + service + " exited "
                        + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run deploy/local/stack", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
