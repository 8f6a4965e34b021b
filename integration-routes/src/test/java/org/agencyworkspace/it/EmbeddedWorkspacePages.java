package org.agencyworkspace.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded workspace (H2, local accounts, local file store) on a random port, with its data in
 * a temporary folder, for ITs that drive its pages as signed-in people. A subclass adds its own
 * settings with another {@code @DynamicPropertySource} method.
 */
// Closed after each class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EmbeddedWorkspacePages {

    static final String PASSWORD = "Demo-Password-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
    }

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;

    /** One per class, like the application: each person's enrolled authenticator outlives a test. */
    private static LocalLogins logins;

    @BeforeAll
    static void forgetTheLastClassesLogins() {
        logins = null;
    }

    LocalLogins logins() {
        if (logins == null) {
            logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        }
        return logins;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
