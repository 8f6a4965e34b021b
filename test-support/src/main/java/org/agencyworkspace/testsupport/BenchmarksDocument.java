package org.agencyworkspace.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md, shared by every benchmark: each owns the text between its
 * {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->} markers and never touches the rest.
 */
public final class BenchmarksDocument {

    private static final String INTRO = "# Benchmarks\n\n"
            + "Figures produced by `bin/workspace bench <what>`, each measured side by side in one run with its\n"
            + "baseline and reported as a ratio, with the machine it ran on. Each section is rewritten only by its\n"
            + "own benchmark.\n";

    private BenchmarksDocument() {
    }

    /** Puts {@code body} between the markers of {@code name}, appending the section if it is new. */
    public static void writeSection(Path file, String name, String body) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : INTRO;
        String section = begin + "\n" + body.strip() + "\n" + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        String updated = from >= 0 && to > from
                ? text.substring(0, from) + section + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
