package org.agencyworkspace.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmark ran on, as one Markdown line. */
public final class BenchmarkMachine {

    private BenchmarkMachine() {
    }

    public static String describe() {
        return String.format("%d cores (%s), %s RAM, %s (Linux %s), %s %s", Runtime.getRuntime().availableProcessors(),
                cpuModel(), memory(), osName(), System.getProperty("os.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
    }

    private static String cpuModel() {
        return firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)").orElse("unknown CPU");
    }

    private static String memory() {
        return firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB")
                .map(kb -> String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0)).orElse("unknown");
    }

    private static String osName() {
        return firstMatch(Path.of("/etc/os-release"), "PRETTY_NAME=\"?([^\"]+)\"?").orElse(System.getProperty("os.name"));
    }

    private static java.util.Optional<String> firstMatch(Path file, String regex) {
        try {
            List<String> lines = Files.readAllLines(file);
            Pattern pattern = Pattern.compile(regex);
            for (String line : lines) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return java.util.Optional.of(matcher.group(1).trim());
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}
