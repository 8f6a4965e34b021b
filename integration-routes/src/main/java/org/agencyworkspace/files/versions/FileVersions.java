package org.agencyworkspace.files.versions;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.manage.FileOperations;
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
 * A file's earlier contents, for the page and the API: listed (who saved each, when, its size)
 * to whoever may read the file now; taken as a copy exactly as the file is (its current label,
 * marking and copy register apply); restored by whoever may change the file, which keeps what it
 * held as a version in turn. Refusals and restores are audited; a restore is published as
 * {@code file.version-restored}.
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

    /** The file's kept versions, newest first, for someone who may read it. */
    public List<FileVersionRecords.Version> list(FilePath path, WorkspaceUser user) {
        readable(path, user, "file.version.list");
        return records.of(path);
    }

    /**
     * A copy of a version, made as a download of the file is (marked and registered when
     * labelled). The caller sends and closes it.
     */
    public Delivery download(String versionId, WorkspaceUser user) {
        FileVersionRecords.Version version = version(versionId, user, "file.version.download");
        FileDelivery.Check check = delivery.check(FilePath.of(version.path()), user,
                DeliveryKind.DOWNLOAD);
        return delivery.deliver(check, user, DeliveryKind.DOWNLOAD, () -> records.open(version));
    }

    /** Sets the file back to the version; what it held becomes a version. */
    public StoredFile restore(String versionId, WorkspaceUser user) {
        String action = "file.version.restore";
        FileVersionRecords.Version version = version(versionId, user, action);
        FilePath path = FilePath.of(version.path());
        Target target = readable(path, user, action);
        Optional<String> refusal = writeAccess.refusal(target.file(), user);
        if (refusal.isPresent()) {
            throw refuse(action, user, path, target.level(), RefusedException.Kind.FORBIDDEN,
                    refusal.get());
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
                        "store", store.name()))
                .build());
        events.publish(new FileEvents.VersionRestored(path.toString(), target.level(), versionId,
                user.login()), user.login());
        return restored;
    }

    private record Target(StoredFile file, String level) {
    }

    private FileVersionRecords.Version version(String versionId, WorkspaceUser user, String action) {
        FileVersionRecords.Version version = records.find(versionId).orElseThrow(() -> refuse(action,
                user, null, null, RefusedException.Kind.NOT_FOUND, "there is no version " + versionId));
        readable(FilePath.of(version.path()), user, action);
        return version;
    }

    /**
     * The file, if the person may read it; a file they may not read answers as a missing one,
     * so its versions tell nothing about it either.
     */
    private Target readable(FilePath path, WorkspaceUser user, String action) {
        StoredFile file = store.stat(path)
                .filter(found -> !found.folder() && !FileOperations.inTrash(found.path()))
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
