package org.agencyworkspace.files.store;

import org.agencyworkspace.connector.FilePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded default: the agency's files in a local folder ({@code <data-dir>/files}). A file's
 * id is derived from its path (this store has no moves), its ETag from its size and modification
 * time. There is no sharing, so the share guard finds nothing here, and labels are shown only in
 * the workspace.
 */
public class LocalFileStore implements FileStore {

    private static final String NO_SHARING = "the embedded file folder has no sharing; "
            + "shares are made where the files are kept in Nextcloud";

    private final Path root;
    private final ConcurrentHashMap<FilePath, Object> writeLocks = new ConcurrentHashMap<>();

    public LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file folder " + this.root, e);
        }
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Optional<StoredFile> stat(FilePath path) {
        Path file = resolve(path);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(describe(path, file));
    }

    @Override
    public List<StoredFile> list(FilePath folder) {
        Path directory = resolve(folder);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            List<StoredFile> files = new ArrayList<>();
            children.filter(child -> !child.getFileName().toString().startsWith(".aw-"))
                    .sorted()
                    .forEach(child -> files.add(describe(folder.resolve(child.getFileName().toString()), child)));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    @Override
    public InputStream open(FilePath path) {
        try {
            return Files.newInputStream(resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public StoredFile write(FilePath path, InputStream content, String expectedEtag) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("a file needs a name");
        }
        Path target = resolve(path);
        synchronized (writeLocks.computeIfAbsent(path, key -> new Object())) {
            if (expectedEtag != null) {
                String current = stat(path).map(StoredFile::etag).orElse(null);
                if (!expectedEtag.equals(current)) {
                    throw new VersionConflictException(path + " is at version " + current
                            + ", not " + expectedEtag);
                }
            }
            try {
                Files.createDirectories(target.getParent());
                // Written beside the target and moved over it: nobody sees a half-written file.
                Path partial = Files.createTempFile(target.getParent(), ".aw-upload-", ".part");
                try {
                    Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
                    move(partial, target);
                } finally {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
            return describe(path, target);
        }
    }

    @Override
    public void createFolders(FilePath folder) {
        try {
            Files.createDirectories(resolve(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    @Override
    public StoredFile move(FilePath from, FilePath to) {
        Path target = resolve(to);
        try {
            Files.createDirectories(target.getParent());
            Files.move(resolve(from), target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new VersionConflictException(to + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
        return describe(to, target);
    }

    @Override
    public List<FileShare> shares(FilePath path) {
        return List.of();
    }

    @Override
    public void revokeShare(FileShare share) {
        // The local folder has no shares; nothing can be left to revoke.
    }

    @Override
    public FileShare createShare(FilePath path, ShareRequest request) {
        throw new SharingUnavailableException(NO_SHARING);
    }

    @Override
    public FileShare changeShare(FileShare share, LocalDate expires, String password) {
        throw new SharingUnavailableException(NO_SHARING);
    }

    @Override
    public void showLabel(StoredFile file, String levelCode, String labelJson) {
        // A plain folder has no place for labels; the workspace's own record is shown in its UI.
    }

    private Path resolve(FilePath path) {
        Path resolved = root;
        for (String segment : path.segments()) {
            resolved = resolved.resolve(segment);
        }
        // FilePath already refuses '..'; this guards against anything the file system treats
        // specially all the same.
        if (!resolved.normalize().startsWith(root)) {
            throw new IllegalArgumentException("the path leaves the file area: " + path);
        }
        return resolved;
    }

    private static StoredFile describe(FilePath path, Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            boolean folder = attributes.isDirectory();
            String etag = folder ? "folder" : Long.toHexString(attributes.size()) + "-"
                    + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            return new StoredFile(path, "local-" + path.digest(), etag, folder ? 0 : attributes.size(),
                    folder ? null : contentType(file), attributes.lastModifiedTime().toInstant(),
                    folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static String contentType(Path file) throws IOException {
        String probed = Files.probeContentType(file);
        return probed != null ? probed : "application/octet-stream";
    }


    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
