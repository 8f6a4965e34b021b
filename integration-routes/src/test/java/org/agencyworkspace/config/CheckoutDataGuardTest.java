package org.agencyworkspace.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutDataGuardTest {

    @TempDir
    Path checkout;

    @Test
    void aTestJvmRefusesACheckoutsDataFolderAndNothingElse() throws Exception {
        Files.createDirectories(checkout.resolve("bin"));
        Files.writeString(checkout.resolve("bin/workspace"), "#!/bin/sh\n");
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");

        assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.embedded(checkout.resolve("data")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("data folder of a checkout");
        assertThatThrownBy(() -> new WorkspaceProperties(checkout.resolve("bin/../data"), Path.of("logs"),
                java.util.Locale.ENGLISH, java.util.List.of(java.util.Locale.ENGLISH), java.time.ZoneId.of("UTC"),
                java.net.URI.create("http://127.0.0.1:8080")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(files(checkout.resolve("data"))).as("nothing written there").isZero();

        // Any other folder, and a folder named data elsewhere, stay usable.
        assertThat(EmbeddedDatabaseConfiguration.embedded(checkout.resolve("target/test-data")).url())
                .contains("test-data");
        assertThat(CheckoutDataGuard.isCheckoutData(checkout.resolve("integration-routes/data"))).isFalse();
        assertThat(CheckoutDataGuard.isCheckoutData(checkout.resolve("data"))).isTrue();
    }

    private static long files(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
