package org.agencyworkspace.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Keeps everything a test workspace writes (database, key, logs, route files) in one folder. */
public final class WorkspaceDataDir {

    private WorkspaceDataDir() {
    }

    public static void register(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("workspace.data-dir", dataDir::toString);
        registry.add("workspace.log-dir", () -> dataDir.resolve("logs").toString());
        registry.add("workspace.routes.folder", () -> dataDir.resolve("routes").toString());
    }
}
