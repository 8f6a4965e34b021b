package org.agencyworkspace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine a benchmark ran on, as the report states it: figures mean little without it.
 *
 * @param memory total RAM, e.g. {@code 23.4 GiB}
 */
record Machine(int cores, String memory, String cpuModel, String os, String java) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemory(), readCpuModel(),
                readOs(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    String describe() {
        return cores + " cores (" + cpuModel + "), " + memory + " RAM, " + os + ", " + java;
    }

    private static String readMemory() {
        return firstLine("/proc/meminfo", "MemTotal:")
                .map(line -> line.replaceAll("\\D", ""))
                .map(kib -> "%.1f GiB".formatted(Long.parseLong(kib) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static String readCpuModel() {
        return firstLine("/proc/cpuinfo", "model name")
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .orElse(System.getProperty("os.arch"));
    }

    private static String readOs() {
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
        return firstLine("/etc/os-release", "PRETTY_NAME=")
                .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", "
                        + kernel)
                .orElse(kernel);
    }

    private static Optional<String> firstLine(String file, String prefix) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
