package org.agencyworkspace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code docs/benchmarks.md}: each benchmark owns one section between
 * {@code <!-- name:begin -->} and {@code <!-- name:end -->} and rewrites only that, so the
 * figures of other benchmarks survive. The file is created with its introduction when missing.
 */
final class BenchmarkReport {

    private static final String INTRODUCTION = """
            # Benchmarks

            Speed figures of Agency Workspace. Each comes from a benchmark command in this
            repository, is measured side by side, in the same run, with a **baseline** (the same
            work done without the workspace, for example by calling the connectors directly),
            and is reported as a ratio to it together with the machine it ran on. Figures from
            different machines are not comparable; ratios travel better. Tests never assert on
            timings.

            Run a benchmark against the real services of `deploy/local` (it starts the ones it
            needs, then rewrites its own section below):

            ```
            bin/workspace bench identity   # identity provisioning: offboarding latency, joiner throughput
            ```

            """;

    private final Path file;

    BenchmarkReport(Path file) {
        this.file = file;
    }

    /** Replaces the section {@code name} with {@code body}, or appends it when it is new. */
    void writeSection(String name, String body) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String section = begin + "\n" + body.strip() + "\n" + end + "\n";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                : INTRODUCTION;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        String updated;
        if (from >= 0 && to > from) {
            int after = to + end.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            updated = text.substring(0, from) + section + text.substring(after);
        } else {
            updated = text + (text.endsWith("\n\n") ? "" : "\n") + section;
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
