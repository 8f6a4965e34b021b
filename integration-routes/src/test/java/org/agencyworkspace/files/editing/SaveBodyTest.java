package org.agencyworkspace.files.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A streamed PutFile body: exactly its announced length, or a failure the host can tell apart. */
class SaveBodyTest {

    @Test
    void theAnnouncedLengthIsReadWhole() throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(22).nextBytes(bytes);
        SaveBody body = new SaveBody(new ByteArrayInputStream(bytes), bytes.length);

        assertThat(body.readAllBytes()).isEqualTo(bytes);
        assertThat(body.broken()).isNull();
    }

    @Test
    void aBodyThatEndsEarlyOrRunsPastItsLengthFailsAndSaysSo() {
        SaveBody shorter = new SaveBody(new ByteArrayInputStream(new byte[10]), 100);
        assertThatThrownBy(shorter::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("10 of 100");
        assertThat(shorter.broken()).isNotNull();

        SaveBody longer = new SaveBody(new ByteArrayInputStream(new byte[101]), 100);
        assertThatThrownBy(longer::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("runs past");
        assertThat(longer.broken()).isNotNull();
    }

    @Test
    void aConnectionThatBreaksOffIsTheBodysFault() {
        InputStream cut = new InputStream() {
            private int left = 5;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 'x';
            }
        };
        SaveBody body = new SaveBody(cut, 1000);

        assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(body.broken()).hasMessage("connection reset");
        // Once broken, it stays broken: a store retrying the read gets the same failure.
        assertThatThrownBy(body::read).isInstanceOf(IOException.class);
    }

    @Test
    void randomSplitsOfRandomBodiesReadExactlyOrFail() throws IOException {
        long seed = 2026_12_07L;
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int sent = random.nextInt(5000);
            int announced = random.nextBoolean() ? sent : random.nextInt(5000);
            byte[] bytes = new byte[sent];
            random.nextBytes(bytes);
            SaveBody body = new SaveBody(new ByteArrayInputStream(bytes), announced);
            try {
                byte[] read = body.readAllBytes();
                assertThat(announced).as("seed %d round %d", seed, round).isEqualTo(sent);
                assertThat(read).isEqualTo(bytes);
            } catch (IOException e) {
                assertThat(announced).as("seed %d round %d", seed, round).isNotEqualTo(sent);
                assertThat(body.broken()).isSameAs(e);
            }
        }
    }
}
