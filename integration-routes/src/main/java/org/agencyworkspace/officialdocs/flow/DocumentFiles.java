package org.agencyworkspace.officialdocs.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The bytes of documents and attachments, each a file named by its SHA-256 in one owner-only
 * folder: written once (a second write of the same bytes is the same file), never changed, and
 * checked against its name on every read, so stored bytes altered behind the workspace's back are
 * refused instead of signed or sent.
 */
final class DocumentFiles {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path folder;

    DocumentFiles(Path folder) {
        this.folder = folder;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code content}; returns its SHA-256, the name to read it by. */
    String write(byte[] content) {
        String sha = sha256(content);
        Path file = folder.resolve(sha);
        if (Files.exists(file)) {
            return sha;
        }
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".doc", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temporary);
            }
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a document in " + folder, e);
        }
    }

    /**
     * The bytes stored under {@code sha256}.
     *
     * @throws DocumentRefusedException DOCUMENT_CHANGED when they are missing or no longer hash to
     *     their name
     */
    byte[] read(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(folder.resolve(sha256));
        } catch (IOException e) {
            throw new DocumentRefusedException(DocumentRefusedException.Reason.DOCUMENT_CHANGED,
                    "the stored copy " + sha256.substring(0, 12) + "… is missing");
        }
        if (!sha256(content).equals(sha256)) {
            throw new DocumentRefusedException(DocumentRefusedException.Reason.DOCUMENT_CHANGED,
                    "the stored copy " + sha256.substring(0, 12) + "… was altered outside the workspace");
        }
        return content;
    }
}
