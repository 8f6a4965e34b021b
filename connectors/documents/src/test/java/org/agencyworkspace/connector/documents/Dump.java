package org.agencyworkspace.connector.documents;
import java.nio.file.*;
public class Dump {
    public static void main(String[] a) throws Exception {
        long seed = Long.parseLong(a[0]);
        try (Watermarker w = Watermarker.builder().build()) {
        for (int i = Integer.parseInt(a[1]); i < Integer.parseInt(a[2]); i++) {
        WatermarkFuzz.Case c = WatermarkFuzz.make(seed, i);
        Files.write(Path.of("/tmp/wmdbg/in-" + i + ".pdf"), c.pdf());
        String r;
        try {
            w.watermark(Marked.MARKING, Path.of("/tmp/wmdbg/in-" + i + ".pdf"), Path.of("/tmp/wmdbg/out-" + i + ".pdf"));
            r = "marked";
        } catch (DocumentRejectedException e) { r = "refused " + e.getMessage(); }
        System.out.println(i + " [" + c.recipe() + "] " + r);
        }}
    }
}
