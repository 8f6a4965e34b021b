package org.agencyworkspace.connector.documents;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Run by {@link WatermarkBenchmark} in a child JVM with a small heap and {@code -Xlog:gc}: marks
 * one file and prints {@code heap-pool-peaks-bytes=N}, the sum of each heap pool's own peak (at
 * least the true peak), beside the collection log the benchmark reads.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Watermarker watermarker = Watermarker.builder().build()) {
            watermarker.watermark(Marked.MARKING, Path.of(args[0]), Path.of(args[1]));
        }
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(usage -> usage.getUsed()).sum();
        System.out.println("heap-pool-peaks-bytes=" + poolPeaks);
    }
}
