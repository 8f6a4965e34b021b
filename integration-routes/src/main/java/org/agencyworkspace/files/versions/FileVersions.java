package org.agencyworkspace.files.versions;

import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.manage.FileRefusedException;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Service;

/**
 * A file's earlier contents, for the page and the API. Each version is judged by the higher of
 * the label it had when kept and the file's current one (a later downgrade never lowers what an
 * older content is judged and marked by; a version kept before labels were recorded with versions
 * counts as the highest level): listed (who saved each, when, its size) to whoever is cleared for
 * both; taken as a marked, registered copy naming the version; restored by whoever may change the
 * file, unless the version's label ranks above the file's now (relabel the file first). Where the
 * store keeps stable file ids, only versions kept from the file now at the path are its own.
 * Refusals and restores are audited; a restore is published as {@code file.version-restored}.
 */
@Service
public class FileVersions {

    private final FileStore store;
    private final FileVersionRecords records;
    private final FileLabels labels;
    private final ClassificationScheme scheme;
    private final AccessPolicy policy;
    private final FileWriteAccess writeAccess;
    private final FileDelivery delivery;
    private final AuditTrail audit;
    private final EventPublisher events;

    public FileVersions(FileStore store, FileVersionRecords records, FileLabels labels,
            ClassificationScheme scheme, AccessPolicy policy, FileWriteAccess writeAccess,
            FileDelivery delivery, AuditTrail audit, EventPublisher events) {
        this.store = store;
        this.records = records;
        this.labels = labels;
        this.scheme = scheme;
        this.policy = policy;
        this.writeAccess = writeAccess;
        this.delivery = delivery;
        this.audit = audit;
        this.events = events;
    }

    /** The file's kept versions, newest first: those the person is cleared for. */
    public List<FileVersionRecords.Version> list(FilePath path, WorkspaceUser user) {
        Target target = readable(path, user, "file.version.list");
        return records.of(path).stream().filter(version -> belongs(version, target.file()))
                .filter(version -> policy.decide(user, labelOf(version), FileAction.READ).allowed())
                .toList();
    }

    /**
     * A copy of a version, made as a download of the file is, marked with the higher of its own
     * and the file's label and registered as a copy of that version. The caller sends and closes
     * it.
     */
    public Delivery download(String versionId, WorkspaceUser user) {
        FileVersionRecords.Version version = version(versionId, user, "file.version.download").version();
        FileDelivery.Check check = delivery.checkVersion(FilePath.of(version.path()),
                labelOf(version), user, DeliveryKind.DOWNLOAD);
        return delivery.deliver(check, user, DeliveryKind.DOWNLOAD, () -> records.open(version),
                version.id());
    }

    /**
     * Sets the file back to the version; what it held becomes a version. A version whose label
     * ranks above the file's current one is refused: restoring it would put that content under
     * a lower label, and any share the lower label allows would serve it.
     */
    public StoredFile restore(String versionId, WorkspaceUser user) {
        String action = "file.version.restore";
        Found found = version(versionId, user, action);
        FileVersionRecords.Version version = found.version();
        Target target = found.target();
        FilePath path = FilePath.of(version.path());
        Optional<String> refusal = writeAccess.refusal(target.file(), user);
        if (refusal.isPresent()) {
            throw refuse(action, user, path, target.level(), RefusedException.Kind.FORBIDDEN,
                    refusal.get());
        }
        String versionLevel = scheme.levelOf(labelOf(version));
        if (scheme.rank(versionLevel) > scheme.rank(target.level())) {
            throw refuse(action, user, path, versionLevel, RefusedException.Kind.CONFLICT,
                    "this version was " + (version.level() == null ? "kept before versions "
                            + "recorded their label and counts as " : "labelled ") + versionLevel
                            + ", above the file's " + target.level() + " now: label the file "
                            + versionLevel + " first, then restore it");
        }
        StoredFile restored;
        try (InputStream content = records.open(version)) {
            restored = store.write(path, content, target.file().etag());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot restore version " + versionId, e);
        } catch (org.agencyworkspace.files.store.VersionConflictException e) {
            throw refuse(action, user, path, target.level(), RefusedException.Kind.CONFLICT,
                    "the file changed meanwhile: look at its versions again");
        }
        audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                .target("file", path.toString(), target.level())
                .details(Map.of("version", versionId, "savedBy", version.savedBy(),
                        "versionLevel", versionLevel, "store", store.name()))
                .build());
        events.publish(new FileEvents.VersionRestored(path.toString(), target.level(), versionId,
                user.login()), user.login());
        return restored;
    }

    private record Target(StoredFile file, String level) {
    }

    private record Found(FileVersionRecords.Version version, Target target) {
    }

    /**
     * The label a version is judged by besides the file's: the one it had when kept, or for a
     * version kept before labels were recorded with versions, the highest level (fail closed).
     */
    private Label labelOf(FileVersionRecords.Version version) {
        if (version.level() != null) {
            return version.label();
        }
        String top = scheme.levels().stream().map(ClassificationLevel::code)
                .max(Comparator.comparingInt(scheme::rank)).orElseThrow();
        return new Label(top, "kept before versions recorded their label", "system",
                version.savedAt(), null, null, "unknown", false, null, List.of(), List.of());
    }

    /** Whether the version was kept from this file, as far as the store's ids tell. */
    private boolean belongs(FileVersionRecords.Version version, StoredFile file) {
        return !store.stableIds() || file.fileId().equals(version.fileId());
    }

    /**
     * The version and its file, if the person is cleared for both; else it answers as a missing
     * one, audited.
     */
    private Found version(String versionId, WorkspaceUser user, String action) {
        FileVersionRecords.Version version = records.find(versionId).orElseThrow(() -> refuse(action,
                user, null, null, RefusedException.Kind.NOT_FOUND, "there is no version " + versionId));
        Target target = readable(FilePath.of(version.path()), user, action);
        AccessDecision read = policy.decide(user, labelOf(version), FileAction.READ);
        if (!belongs(version, target.file()) || !read.allowed()) {
            audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                    .target("file", version.path(), scheme.levelOf(labelOf(version)))
                    .failure(read.allowed() ? "the version was kept from another file" : read.reason())
                    .details(Map.of("version", versionId)).build());
            throw new FileRefusedException(RefusedException.Kind.NOT_FOUND,
                    "there is no version " + versionId);
        }
        return new Found(version, target);
    }

    /**
     * The file, if the person may read it; a file they may not read answers as a missing one,
     * so its versions tell nothing about it either.
     */
    private Target readable(FilePath path, WorkspaceUser user, String action) {
        StoredFile file = store.find(path)
                .filter(found -> !found.folder())
                .orElseThrow(() -> refuse(action, user, path, null, RefusedException.Kind.NOT_FOUND,
                        "there is no file " + path));
        FileLabels.Effective label = labels.effective(file);
        String level = scheme.levelOf(label.label());
        AccessDecision read = policy.decide(user, label.label(), FileAction.READ);
        if (!read.allowed()) {
            audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                    .target("file", path.toString(), level).failure(read.reason()).build());
            throw new FileRefusedException(RefusedException.Kind.NOT_FOUND, "there is no file " + path);
        }
        return new Target(file, level);
    }

    private FileRefusedException refuse(String action, WorkspaceUser user, FilePath path,
            String level, RefusedException.Kind kind, String problem) {
        audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                .target("file", path == null ? "version" : path.toString(),
                        level == null ? scheme.unmarked().code() : level)
                .failure(problem).build());
        return new FileRefusedException(kind, problem);
    }
}
