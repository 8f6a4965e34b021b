package org.agencyworkspace.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.agencyworkspace.connector.matrix.AppServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the registration the homeserver needs, generated from this app's settings, to
 * {@code <data-dir>/matrix/appservice-registration.yaml} (readable by its owner only: it holds both
 * tokens), so an operator copies it into Synapse's {@code app_service_config_files} rather than
 * writing it by hand. {@code deploy/local} writes the same content for the local stack.
 */
public class AppServiceRegistrationFile {

    private static final Logger LOG = LoggerFactory.getLogger(AppServiceRegistrationFile.class);

    private final Path file;

    public AppServiceRegistrationFile(AppServiceRegistration registration, Path dataDir) {
        this.file = dataDir.resolve("matrix").resolve("appservice-registration.yaml");
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"),
                    registration.toYaml(), StandardCharsets.UTF_8);
            restrict(written);
            Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Matrix registration " + file, e);
        }
        LOG.info("Matrix application-service registration for Synapse: {}", file);
    }

    public Path file() {
        return file;
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's own permissions apply.
        }
    }
}
