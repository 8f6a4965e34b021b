package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One watermarker, its font shared, serving several deliveries at once. */
class ConcurrentWatermarkingTest {

    @Test
    void eachConcurrentDeliveryGetsItsOwnMarks() throws Exception {
        byte[] document = AwkwardPdfs.textPages(20);
        List<Future<byte[]>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Watermarker watermarker = Watermarker.builder().build()) {
            for (int i = 0; i < 8; i++) {
                Marking marking = new Marking(ClassificationLevel.SECRET.banner(), "檢視者" + i, "user" + i,
                        Marked.MARKING.time(), "DOC-" + i, "delivery-" + i);
                results.add(pool.submit(() -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    watermarker.watermark(marking, new ByteArrayInputStream(document), out);
                    return out.toByteArray();
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                byte[] marked = results.get(i).get();
                String name = "檢視者" + i + "(user" + i + ")";
                String marker = "awfp:delivery-" + i;
                assertThat(Marked.pageTexts(marked)).hasSize(20).allSatisfy(text -> assertThat(text.replaceAll("\\s", ""))
                        .contains("密SECRET", name, marker));
                assertThat(new FingerprintReader().read(new ByteArrayInputStream(marked)).fromMetadata())
                        .contains("delivery-" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
