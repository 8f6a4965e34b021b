package org.agencyworkspace.files.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.FilesProperties;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.delivery.DeliveryRefusedException.Reason;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUp;
import org.agencyworkspace.security.stepup.StepUpRequiredException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Every way a file leaves the workspace goes through here: the policy decides, a labelled file
 * becomes a marked PDF registered as a numbered copy, and the outcome is audited. Fail closed:
 * when the policy, the store or the marking fails, nothing of the file is handed out, never the
 * stored original of a labelled file. Without a watermark engine no labelled file leaves at all.
 */
@Service
public class FileDelivery {

    /**
     * A file looked up and judged, before anything is copied.
     *
     * @param file the file
     * @param label its label as policy sees it
     * @param decision what the policy said
     */
    public record Check(StoredFile file, FileLabels.Effective label, AccessDecision decision) {
    }

    private final StepUp stepUp;
    private final FileStore store;
    private final FileLabels labels;
    private final AccessPolicy policy;
    private final ClassificationScheme scheme;
    /** What an audit record's details column takes of a bundle's file list. */
    private static final int AUDIT_LIST_LIMIT = 3000;

    private final ObjectProvider<CopyMarker> watermarker;
    private final CopyRegister register;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;
    private final int maxBundleFiles;
    private final Path temporary;

    public FileDelivery(FileStore store, FileLabels labels, AccessPolicy policy,
            ClassificationScheme scheme, ObjectProvider<CopyMarker> watermarker,
            CopyRegister register, AuditTrail audit, EventPublisher events, Clock clock,
            FilesProperties properties, StepUp stepUp) {
        this.stepUp = stepUp;
        this.store = store;
        this.labels = labels;
        this.policy = policy;
        this.scheme = scheme;
        this.watermarker = watermarker;
        this.register = register;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.maxBundleFiles = properties.bundle().maxFiles();
        this.temporary = privateTemporaryFolder();
    }

    /**
     * Looks the file up and asks the policy. A refusal is audited and thrown; an allowed check
     * may still ask for a step-up ({@link AccessDecision#stepUpRequired()}) before
     * {@link #deliver}.
     *
     * @throws DeliveryRefusedException NOT_FOUND, NOT_A_FILE or DENIED
     */
    public Check check(FilePath path, WorkspaceUser user, DeliveryKind kind) {
        // A trashed file comes back only through the trash's restore.
        StoredFile file = store.find(path)
                .orElseThrow(() -> refuse(user, kind, path.toString(), null, Reason.NOT_FOUND,
                        "no file " + path, null));
        if (file.folder()) {
            throw refuse(user, kind, path.toString(), null, Reason.NOT_A_FILE,
                    path + " is a folder", null);
        }
        FileLabels.Effective label = labels.effective(file);
        AccessDecision decision = policy.decide(user, label.label(), kind.action());
        if (!decision.allowed()) {
            throw refuse(user, kind, path.toString(), levelOf(label), Reason.DENIED,
                    decision.reason(), null);
        }
        return new Check(file, label, decision);
    }

    /**
     * As {@link #check}, for a kept version of the file that had {@code versionLabel} (null when
     * unmarked): the person must be cleared for it as well as for the file's current label, and
     * the copy is marked with whichever ranks higher, so a later downgrade of the file never
     * lowers what an older content is judged and marked by.
     *
     * @throws DeliveryRefusedException NOT_FOUND, NOT_A_FILE or DENIED
     */
    public Check checkVersion(FilePath path, Label versionLabel, WorkspaceUser user,
            DeliveryKind kind) {
        Check current = check(path, user, kind);
        AccessDecision version = policy.decide(user, versionLabel, kind.action());
        String level = scheme.levelOf(versionLabel);
        if (!version.allowed()) {
            throw refuse(user, kind, path.toString(), level, Reason.DENIED, version.reason(), null);
        }
        boolean higher = scheme.rank(level) > scheme.rank(levelOf(current.label()));
        return new Check(current.file(), higher ? new FileLabels.Effective(versionLabel, path)
                : current.label(), AccessDecision.allow(current.decision().stepUpRequired()
                        || version.stepUpRequired()));
    }

    /**
     * A folder looked up and judged for export as one bundle, before anything is copied.
     *
     * @param folder the folder
     * @param files its files (all levels below it), in path order, each judged for download
     * @param level the bundle's level: the highest of its files' (國家機密保護法 §17)
     * @param stepUpRequired whether any file asks for a recent re-authentication
     */
    public record BundleCheck(StoredFile folder, List<Check> files, ClassificationLevel level,
            boolean stepUpRequired) {
    }

    /**
     * A marking job: writes the marked output for a registered (or, for an ordinary thumbnail or
     * bundle, unregistered) delivery.
     */
    @FunctionalInterface
    private interface MarkingJob {
        void mark(CopyMarker engine, Marking marking, Path output);
    }

    /**
     * Makes the copy to send: the original of an ordinary file, a marked and registered PDF of a
     * labelled one, or a PNG of the marked copy's first page for a thumbnail (of any file: a
     * thumbnail is only ever drawn from a marked copy). The caller sends it and closes it.
     *
     * @throws IllegalStateException when the check did not allow it (a programming error: the
     *     web layer must not get here)
     * @throws StepUpRequiredException when the check asks for a step-up the current sign-in has
     *     not made; nothing was handed out
     * @throws DeliveryRefusedException CANNOT_MARK or UNAVAILABLE; nothing was handed out
     */
    public Delivery deliver(Check check, WorkspaceUser user, DeliveryKind kind) {
        return deliver(check, user, kind, () -> store.open(check.file().path()));
    }

    /**
     * As {@link #deliver(Check, WorkspaceUser, DeliveryKind)}, with other bytes of the checked
     * file (a kept version): the file's label, marking and register apply to them alike.
     */
    public Delivery deliver(Check check, WorkspaceUser user, DeliveryKind kind,
            Supplier<InputStream> content) {
        return deliver(check, user, kind, content, null);
    }

    /**
     * As {@link #deliver(Check, WorkspaceUser, DeliveryKind, Supplier)}, for the bytes of the
     * kept version {@code versionId} (from {@link #checkVersion}), which the copy register names.
     */
    public Delivery deliver(Check check, WorkspaceUser user, DeliveryKind kind,
            Supplier<InputStream> content, String versionId) {
        requireAllowed(check.decision().allowed(), check.decision().stepUpRequired());
        StoredFile file = check.file();
        String level = levelOf(check.label());
        Path original = copyOriginal(file, content, user, kind, level);
        if (!labelled(level) && kind != DeliveryKind.THUMBNAIL) {
            events.publish(new FileEvents.Downloaded(file.path().toString(), level,
                    kind.name().toLowerCase(Locale.ROOT), user.login(), null), user.login());
            return new Delivery(original, file.contentType(), file.path().name(), false, null, 0);
        }
        String name = file.path().name();
        try {
            if (kind == DeliveryKind.THUMBNAIL) {
                return marked(file, scheme.level(level), user, kind, versionId, Map.of(),
                        new Output(".png", "image/png", name + ".png"),
                        (engine, marking, png) -> thumbnail(engine, original, name, marking, png));
            }
            return marked(file, scheme.level(level), user, kind, versionId,
                    versionId == null ? Map.of() : Map.of("version", versionId),
                    new Output(".pdf", "application/pdf", pdfName(name)),
                    (engine, marking, pdf) -> engine.watermark(original, name, marking, pdf));
        } finally {
            deleteQuietly(original);
        }
    }

    /**
     * Looks the folder up and judges every file below it for download: one file the person may
     * not take refuses the whole export (nothing is left out silently). Refusals are audited.
     *
     * @throws DeliveryRefusedException NOT_FOUND, NOT_A_FOLDER, EMPTY_FOLDER, TOO_MANY_FILES or
     *     DENIED
     */
    public BundleCheck checkBundle(FilePath path, WorkspaceUser user) {
        DeliveryKind kind = DeliveryKind.BUNDLE;
        StoredFile folder = store.find(path)
                .orElseThrow(() -> refuse(user, kind, path.toString(), null, Reason.NOT_FOUND,
                        "no folder " + path, null));
        if (!folder.folder()) {
            throw refuse(user, kind, path.toString(), null, Reason.NOT_A_FOLDER,
                    path + " is a file, not a folder", null);
        }
        List<Labelled> found = new ArrayList<>();
        collectFiles(folder.path(), labels.effective(folder), found, user);
        if (found.isEmpty()) {
            throw refuse(user, kind, path.toString(), null, Reason.EMPTY_FOLDER,
                    path + " has no files to export", null);
        }
        found.sort(Comparator.comparing(entry -> entry.file().path().toString()));
        List<Check> files = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int unseen = 0;
        List<String> levels = new ArrayList<>();
        for (Labelled entry : found) {
            levels.add(levelOf(entry.label()));
            AccessDecision decision = policy.decide(user, entry.label().label(), kind.action());
            if (decision.allowed()) {
                files.add(new Check(entry.file(), entry.label(), decision));
            } else if (policy.decide(user, entry.label().label(), FileAction.READ).allowed()) {
                refused.add(entry.file().path().name());
            } else {
                // The name of a file the person may not read is not theirs to learn either.
                unseen++;
            }
        }
        ClassificationLevel level = scheme.highest(levels);
        if (!refused.isEmpty() || unseen > 0) {
            List<String> named = new ArrayList<>(refused.subList(0, Math.min(5, refused.size())));
            if (refused.size() > 5) {
                named.add("...");
            }
            if (unseen > 0) {
                named.add(unseen + " restricted");
            }
            throw refuse(user, kind, path.toString(), level.code(), Reason.DENIED, "you may not "
                    + "take " + (refused.size() + unseen) + " of the " + found.size()
                    + " files in " + path + ": " + String.join(", ", named), null);
        }
        boolean stepUp = files.stream().anyMatch(file -> file.decision().stepUpRequired());
        return new BundleCheck(folder, List.copyOf(files), level, stepUp);
    }

    /**
     * Makes the folder's bundle: one PDF, a manifest listing the files with their levels, then
     * every file's marked pages; marked with the highest level and, when that is a classified
     * one, registered as one numbered copy of the folder.
     *
     * @throws DeliveryRefusedException CANNOT_MARK (naming the file that cannot be marked) or
     *     UNAVAILABLE; nothing was handed out
     */
    public Delivery deliverBundle(BundleCheck check, WorkspaceUser user) {
        requireAllowed(true, check.stepUpRequired());
        StoredFile folder = check.folder();
        List<Path> originals = new ArrayList<>();
        try {
            List<CopyMarker.BundlePart> parts = new ArrayList<>();
            for (Check file : check.files()) {
                Path original = copyOriginal(file.file(), () -> store.open(file.file().path()),
                        user, DeliveryKind.BUNDLE, check.level().code());
                originals.add(original);
                parts.add(new CopyMarker.BundlePart(original, relativeName(folder, file.file()),
                        scheme.level(levelOf(file.label())).marking()));
            }
            String title = folder.path().isRoot() ? "/" : folder.path().name();
            return marked(folder, check.level(), user, DeliveryKind.BUNDLE, null,
                    Map.of("files", listed(check.files())),
                    new Output(".pdf", "application/pdf", pdfName(folder.path().isRoot() ? "files"
                            : folder.path().name())),
                    (engine, marking, output) -> engine.bundle(title, parts, marking, output));
        } finally {
            originals.forEach(FileDelivery::deleteQuietly);
        }
    }

    /** What a marking job writes: its temporary file's suffix, and how it is offered. */
    private record Output(String suffix, String contentType, String fileName) {
    }

    /**
     * Marks {@code subject} for {@code user}: registers the copy when the level is a classified
     * one, runs {@code job} into a private temporary file, audits the delivery. On failure the
     * registration is taken back, the partial output deleted and the refusal audited.
     */
    private Delivery marked(StoredFile subject, ClassificationLevel level, WorkspaceUser user,
            DeliveryKind kind, String versionId, Map<String, String> details, Output output,
            MarkingJob job) {
        String path = subject.path().toString();
        String deliveryId = UUID.randomUUID().toString();
        boolean registered = labelled(level.code());
        int copyNumber = registered ? register.register(deliveryId, subject.fileId(), path,
                level.code(), kind.name(), user.login(), versionId == null ? subject.etag() : null,
                versionId) : 0;
        Path content = null;
        try {
            content = temporaryFile(output.suffix());
            CopyMarker engine = watermarker.getIfAvailable(() -> {
                throw new IllegalStateException("no watermark engine is configured");
            });
            job.mark(engine, new Marking(level.marking(), user.displayName(), user.login(),
                    clock.instant(), subject.fileId(), deliveryId, copyNumber), content);
        } catch (RuntimeException e) {
            if (registered) {
                register.cancel(deliveryId);
            }
            deleteQuietly(content);
            boolean fileAtFault = e instanceof WatermarkFailedException failed && failed.fileAtFault();
            throw refuse(user, kind, path, level.code(),
                    fileAtFault ? Reason.CANNOT_MARK : Reason.UNAVAILABLE,
                    "the file could not be marked: " + e.getMessage(), e);
        }
        Map<String, String> recorded = new HashMap<>(details);
        recorded.put("delivery", deliveryId);
        recorded.put("copy", Integer.toString(copyNumber));
        audit.record(AuditEvent.of(action(kind), "file")
                .actor(user.login(), user.displayName())
                .target(subject.folder() ? "folder" : "file", path, level.code())
                .details(recorded)
                .build());
        events.publish(new FileEvents.Downloaded(path, level.code(),
                kind.name().toLowerCase(Locale.ROOT), user.login(),
                registered ? copyNumber : null), user.login());
        return new Delivery(content, output.contentType(), output.fileName(), registered,
                registered ? deliveryId : null, copyNumber);
    }

    /** A thumbnail is drawn from a marked copy only, never from the original. */
    private void thumbnail(CopyMarker engine, Path original, String name, Marking marking,
            Path png) {
        Path pdf = temporaryFile(".pdf");
        try {
            engine.watermark(original, name, marking, pdf);
            engine.thumbnail(pdf, png);
        } finally {
            deleteQuietly(pdf);
        }
    }

    /** A file found below an exported folder, with its label as policy sees it. */
    private record Labelled(StoredFile file, FileLabels.Effective label) {
    }

    /**
     * Every file below {@code folder} (whose label is {@code inherited}), at most
     * {@code maxBundleFiles} of them; labels are passed down rather than looked up again.
     */
    private void collectFiles(FilePath folder, FileLabels.Effective inherited, List<Labelled> found,
            WorkspaceUser user) {
        for (StoredFile entry : store.list(folder)) {
            if (FileStore.inTrash(entry.path())) {
                // Trashed items (and copies set aside there) come back only through the trash.
                continue;
            }
            FileLabels.Effective label = labels.effectiveIn(entry, inherited);
            if (entry.folder()) {
                collectFiles(entry.path(), label, found, user);
            } else {
                found.add(new Labelled(entry, label));
            }
            if (found.size() > maxBundleFiles) {
                throw refuse(user, DeliveryKind.BUNDLE, folder.toString(), null,
                        Reason.TOO_MANY_FILES, "a bundle holds at most " + maxBundleFiles
                                + " files; export a smaller folder", null);
            }
        }
    }

    private void requireAllowed(boolean allowed, boolean stepUpRequired) {
        if (!allowed) {
            throw new IllegalStateException("delivery without an allowed check");
        }
        if (stepUpRequired) {
            stepUp.require();
        }
    }

    private boolean labelled(String level) {
        return scheme.rank(level) > 0;
    }

    /** The file's path below the exported folder, as the manifest lists it. */
    private static String relativeName(StoredFile folder, StoredFile file) {
        String prefix = folder.path().isRoot() ? "/" : folder.path() + "/";
        String path = file.path().toString();
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /** The bundled files' paths for the audit record, cut to what its details column holds. */
    private static String listed(List<Check> files) {
        String all = String.join("\n", files.stream().map(file -> file.file().path().toString())
                .toList());
        return all.length() <= AUDIT_LIST_LIMIT ? all : all.substring(0, AUDIT_LIST_LIMIT) + "...";
    }

    private static String action(DeliveryKind kind) {
        return "file." + kind.name().toLowerCase(Locale.ROOT);
    }

    private Path copyOriginal(StoredFile file, Supplier<InputStream> source, WorkspaceUser user,
            DeliveryKind kind, String level) {
        Path original = temporaryFile(".original");
        try (InputStream content = source.get()) {
            Files.copy(content, original, StandardCopyOption.REPLACE_EXISTING);
            return original;
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(original);
            throw refuse(user, kind, file.path().toString(), level, Reason.UNAVAILABLE,
                    "the file could not be read from " + store.name(), e);
        }
    }

    private Path temporaryFile(String suffix) {
        try {
            return Files.createTempFile(temporary, "delivery-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + temporary, e);
        }
    }

    /**
     * Copies live in the system's temporary area (cleared by the operating system, private to
     * the service under systemd), in a folder only this process's user may enter.
     */
    private static Path privateTemporaryFolder() {
        try {
            return Files.createTempDirectory("workspace-deliveries-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for deliveries", e);
        }
    }

    private DeliveryRefusedException refuse(WorkspaceUser user, DeliveryKind kind, String path,
            String level, Reason reason, String message, Throwable cause) {
        audit.record(AuditEvent.of(action(kind), "file")
                .actor(user.login(), user.displayName())
                .target(kind == DeliveryKind.BUNDLE ? "folder" : "file", path, level)
                .failure(message)
                .details(Map.of("refusal", reason.name()))
                .build());
        return new DeliveryRefusedException(reason, message, cause);
    }

    private String levelOf(FileLabels.Effective label) {
        return scheme.levelOf(label.label());
    }

    private static String pdfName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name : name + ".pdf";
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left to the operating system's clean-up of the temporary area.
        }
    }
}
