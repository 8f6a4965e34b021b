package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile packages: seeded random damage to a genuine package's bytes. Each damaged package is
 * refused with a {@link PackageRefusedException}, or, where the damage hit bytes that carry no
 * content (a ZIP header's time stamp, say), read back with exactly the original content: never
 * another exception, never altered content accepted. A failure prints the seed and case to replay.
 */
class ExchangePackageMutationTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
    private static final int CASES = Integer.getInteger("fuzz.count", 120);

    private static SigningFixture fixture;
    private static byte[] genuine;
    private static ReceivedPackage original;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new SigningFixture();
        genuine = ExchangePackages.pack(fixture, fixture.issue("趙發文", "科員"),
                ExchangePackages.metadata("376430000A", "普通"));
        original = ExchangePackages.reader(fixture).read(genuine);
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void damagedPackagesAreRefusedOrReadBackUnchanged() {
        Random random = new Random(SEED);
        ExchangePackageReader reader = ExchangePackages.reader(fixture);
        int refused = 0;
        for (int run = 0; run < CASES; run++) {
            byte[] damaged = damage(genuine, random);
            String replay = "seed " + SEED + ", case " + run + " (replay with -Dfuzz.seed=" + SEED + ")";
            try {
                ReceivedPackage received = reader.read(damaged);
                assertThat(received.metadata()).as(replay).isEqualTo(original.metadata());
                assertThat(received.document()).as(replay).isEqualTo(original.document());
                assertThat(received.attachments().keySet()).as(replay).isEqualTo(original.attachments().keySet());
                received.attachments().forEach((name, bytes) ->
                        assertThat(bytes).as(replay + " " + name).isEqualTo(original.attachments().get(name)));
            } catch (PackageRefusedException e) {
                refused++;
                assertThat(e.getMessage()).as(replay).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail(replay + ": an exception escaped the reader", e);
            }
        }
        System.out.printf("exchange package mutation: seed %d, %d cases, %d refused, %d harmless%n",
                SEED, CASES, refused, CASES - refused);
        assertThat(refused).as("most damage must be refused").isGreaterThan(CASES / 2);
    }

    private static byte[] damage(byte[] bytes, Random random) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        switch (random.nextInt(5)) {
            case 0 -> copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(16); i++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
            case 3 -> {
                int from = random.nextInt(copy.length);
                int length = 1 + random.nextInt(Math.min(512, copy.length - from));
                byte[] cut = new byte[copy.length - length];
                System.arraycopy(copy, 0, cut, 0, from);
                System.arraycopy(copy, from + length, cut, from, copy.length - from - length);
                copy = cut;
            }
            default -> {
                int at = random.nextInt(copy.length);
                byte[] inserted = new byte[1 + random.nextInt(64)];
                random.nextBytes(inserted);
                byte[] grown = new byte[copy.length + inserted.length];
                System.arraycopy(copy, 0, grown, 0, at);
                System.arraycopy(inserted, 0, grown, at, inserted.length);
                System.arraycopy(copy, at, grown, at + inserted.length, copy.length - at);
                copy = grown;
            }
        }
        return copy;
    }
}
