package org.agencyworkspace.connector.signing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link CustodyStore} of one file per person in a directory (owner-only permissions), replaced
 * atomically on each change. The file name is the hex of the person's id, so no id reaches the
 * file system as a path.
 */
public final class DirectoryCustodyStore implements CustodyStore {

    private final Path directory;

    public DirectoryCustodyStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key custody directory " + directory, e);
        }
    }

    @Override
    public Optional<Custody> find(String person) {
        Path file = fileOf(person);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key custody file of " + person, e);
        }
        String until = properties.getProperty("lockedUntil", "");
        return Optional.of(new Custody(person, Base64.getDecoder().decode(properties.getProperty("pkcs12")),
                Base64.getDecoder().decode(properties.getProperty("certificate")),
                Integer.parseInt(properties.getProperty("failedAttempts", "0")),
                until.isEmpty() ? null : Instant.parse(until)));
    }

    @Override
    public synchronized void save(Custody custody) {
        Properties properties = new Properties();
        properties.setProperty("pkcs12", Base64.getEncoder().encodeToString(custody.pkcs12()));
        properties.setProperty("certificate", Base64.getEncoder().encodeToString(custody.certificate()));
        properties.setProperty("failedAttempts", Integer.toString(custody.failedAttempts()));
        properties.setProperty("lockedUntil", custody.lockedUntil() == null ? "" : custody.lockedUntil().toString());
        Path file = fileOf(custody.person());
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "key custody of one person; the key file is passphrase-encrypted");
            Path temporary = Files.createTempFile(directory, ".custody", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key custody file of " + custody.person(), e);
        }
    }

    private Path fileOf(String person) {
        return directory.resolve(HexFormat.of().formatHex(person.getBytes(StandardCharsets.UTF_8)) + ".custody");
    }
}
