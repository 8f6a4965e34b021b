package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** The normaliser's parallel rewrite: results in item order, the first failure in item order, buffers exact. */
class InParallelTest {

    @Test
    void resultsComeInItemOrderWhicheverThreadMadeThem() throws IOException {
        List<Integer> items = IntStream.range(0, 500).boxed().toList();

        List<Integer> squares = InParallel.map(items, item -> item * item);

        assertThat(squares).isEqualTo(items.stream().map(item -> item * item).toList());
    }

    @Test
    void theFirstFailureInItemOrderIsThrownAsItWasThrown() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();

        assertThatThrownBy(() -> InParallel.map(items, item -> {
            if (item == 150) {
                throw new IllegalStateException("item 150");
            }
            if (item == 40) {
                throw new IOException("item 40");
            }
            return item;
        })).isInstanceOf(IOException.class).hasMessage("item 40");
        assertThatThrownBy(() -> InParallel.map(List.of(1), item -> {
            throw new DocumentRejectedException(DocumentRejectedException.Reason.CORRUPT, "page 1");
        })).isInstanceOf(DocumentRejectedException.class).hasMessageContaining("page 1");
    }

    @Test
    void aContentBufferReadsUpToItsLimitAndDeflatesWhatItHolds() throws IOException {
        Random random = new Random(13);
        byte[] bytes = new byte[100_000];
        random.nextBytes(bytes);
        ContentBuffer exact = new ContentBuffer(16);
        ContentBuffer cut = new ContentBuffer(16);

        assertThat(exact.readFrom(new ByteArrayInputStream(bytes), bytes.length)).isTrue();
        assertThat(cut.readFrom(new ByteArrayInputStream(bytes), bytes.length - 1)).isFalse();

        assertThat(exact.toByteArray()).isEqualTo(bytes);
        assertThat(cut.size()).isEqualTo(bytes.length - 1);
        try (InflaterInputStream inflated = new InflaterInputStream(new ByteArrayInputStream(exact.deflated()))) {
            assertThat(inflated.readAllBytes()).isEqualTo(bytes);
        }
    }
}
