package org.agencyworkspace.platform.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code manifest.json} of a backup folder: what each file is, where it came from, its size and
 * SHA-256. {@code SHA256SUMS} beside it repeats the checksums in {@code sha256sum -c} form.
 *
 * @param format the manifest format, {@value #FORMAT}
 * @param created when the backup was taken
 * @param database {@code h2} or {@code postgresql}: a backup restores onto the same kind
 * @param entries every file of the backup except the manifest and SHA256SUMS
 */
record BackupManifest(int format, Instant created, String database, List<Entry> entries) {

    static final int FORMAT = 1;
    static final String FILE = "manifest.json";
    static final String SUMS = "SHA256SUMS";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    enum Kind { DATABASE, DATA, ANCHORS, KEY, CONFIG }

    /**
     * @param path the file in the backup folder, relative, with forward slashes
     * @param origin where it came from: relative to the data folder for DATA, the absolute path
     *     for ANCHORS, KEY and CONFIG, the dump's name for DATABASE
     */
    record Entry(Kind kind, String path, String origin, long size, String sha256) {
    }

    static Entry entry(Path backupDir, Kind kind, Path file, String origin) throws IOException {
        String relative = backupDir.relativize(file).toString().replace('\\', '/');
        return new Entry(kind, relative, origin, Files.size(file), sha256(file));
    }

    void write(Path backupDir) throws IOException {
        JSON.writeValue(backupDir.resolve(FILE).toFile(), this);
        Files.writeString(backupDir.resolve(SUMS), entries.stream()
                .map(entry -> entry.sha256() + "  " + entry.path() + "\n")
                .collect(Collectors.joining()));
    }

    static BackupManifest read(Path backupDir) throws IOException {
        Path file = backupDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + FILE + " in " + backupDir + ": not a workspace backup");
        }
        BackupManifest manifest = JSON.readValue(file.toFile(), BackupManifest.class);
        if (manifest.format() != FORMAT) {
            throw new IOException("backup format " + manifest.format() + " is not supported (expected "
                    + FORMAT + ")");
        }
        return manifest;
    }

    /** Every problem of the folder against this manifest; empty when it is intact. */
    List<String> problems(Path backupDir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Entry entry : entries) {
            Path file = backupDir.resolve(entry.path()).normalize();
            if (!file.startsWith(backupDir) || entry.path().isBlank()) {
                problems.add("entry outside the backup: " + entry.path());
            } else if (!Files.isRegularFile(file)) {
                problems.add("missing: " + entry.path());
            } else if (Files.size(file) != entry.size()) {
                problems.add("size differs: " + entry.path() + " (" + Files.size(file) + " bytes, manifest "
                        + entry.size() + ")");
            } else if (!sha256(file).equals(entry.sha256())) {
                problems.add("checksum differs: " + entry.path());
            }
        }
        if (entries.stream().noneMatch(entry -> entry.kind() == Kind.DATABASE)) {
            problems.add("no database dump in the manifest");
        }
        Set<String> listed = entries.stream().map(Entry::path).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(backupDir)) {
            files.filter(Files::isRegularFile)
                    .map(file -> backupDir.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> !path.equals(FILE) && !path.equals(SUMS) && !listed.contains(path))
                    .sorted().forEach(path -> problems.add("not in the manifest: " + path));
        }
        return problems;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
