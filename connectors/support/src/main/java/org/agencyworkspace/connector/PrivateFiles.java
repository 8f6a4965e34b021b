package org.agencyworkspace.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Key files the service alone may read: made with mode 600, refused when others may read them. */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PrivateFiles() {
    }

    /**
     * Writes {@code text} to a new file of mode 600 (and its folders); leaves a file another
     * process made first as it is.
     */
    public static void create(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: use theirs
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * @param what the file's name in the message, e.g. "the audit chain key file"
     * @throws IllegalStateException when the group or others may read or write the file
     */
    public static void requirePrivate(Path file, String what) throws IOException {
        try {
            if (Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains)) {
                throw new IllegalStateException(what + " " + file + " may be read or written by others: chmod 600 it");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its access control lists are the operator's to set.
        }
    }
}
