package org.agencyworkspace.files.labels;

import java.io.InputStream;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.access.Placements;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.classification.LabelRejectedException;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Service;

/**
 * Stores a file through the workspace with its label: the label asked for is checked before a
 * byte is written (so a level the workspace refuses, such as 機密 by default, stores nothing),
 * and a file without one takes its folder's label as its own, so it keeps it when moved out.
 * Replacing a file needs write permission ({@link FileWriteAccess}), not only reading; whoever
 * stores a new file owns it. Refusals are audited.
 */
@Service
public class FileUploads {

    private final FileStore store;
    private final FileLabels labels;
    private final ClassificationScheme scheme;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final FileWriteAccess writeAccess;
    private final Placements placements;

    public FileUploads(FileStore store, FileLabels labels, ClassificationScheme scheme,
            AccessPolicy policy, AuditTrail audit, FileWriteAccess writeAccess,
            Placements placements) {
        this.store = store;
        this.labels = labels;
        this.scheme = scheme;
        this.policy = policy;
        this.audit = audit;
        this.writeAccess = writeAccess;
        this.placements = placements;
    }

    /**
     * @param asked the label asked for, or null to take the folder's
     * @throws org.agencyworkspace.files.classification.LabelRejectedException when the label
     *     breaks a rule (nothing stored)
     * @throws LabelAccessDeniedException when the person may not read what is there, may not
     *     overwrite it, or may not classify at that level (nothing stored)
     */
    public StoredFile store(FilePath path, InputStream content, LabelRequest asked,
            WorkspaceUser user) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("a file needs a name");
        }
        // Names with a leading dot are the store's own (the trash, upload parts): a file planted
        // there would hide from listings or block every delete.
        if (path.segments().stream().anyMatch(segment -> segment.startsWith("."))) {
            throw new IllegalArgumentException("a name may not start with '.'");
        }
        FilePath folder = path.parent().orElseThrow();
        Optional<StoredFile> existing = store.stat(path);
        if (existing.isPresent() && existing.get().folder()) {
            throw new IllegalArgumentException(path + " is a folder");
        }
        Label inherited = store.stat(folder).map(labels::effective).map(FileLabels.Effective::label)
                .orElse(null);
        Optional<FileLabels.Effective> current = existing.map(labels::effective);
        Label label = current.map(FileLabels.Effective::label).orElse(inherited);
        AccessDecision read = policy.decide(user, label, FileAction.READ);
        if (existing.isPresent()) {
            // A file the person may not see and one they may see but not replace are refused
            // in the same words: the refusal must not tell a hidden name from a visible one.
            Optional<String> refusal = read.allowed() ? writeAccess.refusal(existing.get(), user)
                    : Optional.of(read.reason());
            if (refusal.isPresent()) {
                throw placements.taken("file.upload", user, path, existing.get(), refusal.get());
            }
        } else if (!read.allowed()) {
            throw refused(user, path, label, read.reason());
        }
        // A replaced file keeps its own label; only a file without one takes the folder's.
        boolean hasOwnLabel = current.filter(effective -> effective.label() != null
                && !effective.inherited(path)).isPresent();
        Label landing = label;
        if (asked != null) {
            try {
                landing = labels.checked(asked, user);
            } catch (LabelRejectedException | LabelAccessDeniedException e) {
                refused(user, path, label, e.getMessage());
                throw e;
            }
        }
        // A replaced file's own label stays if a lower one waits for approval: both are judged.
        placements.requireNotExposed("file.upload", user, path, Stream.of(label, landing)
                .filter(Objects::nonNull).distinct().toList());
        StoredFile stored = store.write(path, content, null);
        if (existing.isEmpty()) {
            writeAccess.recordOwner(stored, user);
        }
        audit.record(AuditEvent.of("file.upload", "file")
                .actor(user.login(), user.displayName())
                .target("file", path.toString(), asked != null ? asked.level()
                        : inherited != null ? inherited.level() : scheme.unmarked().code())
                .details(Map.of("bytes", Long.toString(stored.size()), "store", store.name()))
                .build());
        if (asked != null) {
            labels.label(stored, asked, user);
        } else if (inherited != null && !hasOwnLabel) {
            labels.adopt(stored, inherited, user);
        }
        return stored;
    }

    private LabelAccessDeniedException refused(WorkspaceUser user, FilePath path, Label label,
            String reason) {
        audit.record(AuditEvent.of("file.upload", "file")
                .actor(user.login(), user.displayName())
                .target("file", path.toString(), label == null ? scheme.unmarked().code() : label.level())
                .failure(reason)
                .build());
        return new LabelAccessDeniedException("may not write " + path + ": " + reason);
    }
}
