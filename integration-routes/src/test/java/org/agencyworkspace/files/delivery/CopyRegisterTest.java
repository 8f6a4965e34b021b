package org.agencyworkspace.files.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** Numbered copies when many people take the same file at once (bench load, 200 people). */
class CopyRegisterTest {

    private static final int PEOPLE = 40;

    @Test
    void manyCopiesOfOneFileAtOnceEachGetTheirOwnNumber() throws Exception {
        CopyRegister register = new CopyRegister(new TestDatabase().jdbc(), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(PEOPLE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> copies = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String recipient = "person-" + i;
            copies.add(pool.submit(() -> {
                start.await();
                return register.register(UUID.randomUUID().toString(), "file-1", "/密/報告.pdf", "secret",
                        "DOWNLOAD", recipient, "\"v1\"");
            }));
        }
        start.countDown();
        List<Integer> numbers = new ArrayList<>();
        for (Future<Integer> copy : copies) {
            numbers.add(copy.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, PEOPLE).boxed().toList());
        assertThat(register.copiesOf("file-1")).hasSize(PEOPLE);
    }
}
