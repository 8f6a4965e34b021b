package org.agencyworkspace.it;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shared plumbing on the embedded H2 file database. */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedWorkspaceIT extends AbstractWorkspaceIT {

    @TempDir
    static Path base;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        workspaceFolders(registry, base);
    }

    @Override
    Path baseFolder() {
        return base;
    }
}
