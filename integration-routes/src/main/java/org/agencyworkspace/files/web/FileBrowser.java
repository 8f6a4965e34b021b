package org.agencyworkspace.files.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.manage.FileOperations;
import org.agencyworkspace.files.labels.LabelAccessDeniedException;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Component;

/**
 * Lists folders with each entry's label, for the API and the file pages, as the person may see
 * them: an item they may not read shows neither its name nor its label, only that a restricted
 * item is there, and at a level that names who needs to know (national secrets, §14) not even
 * that. The label's reason, readers and classifier go only to those who may read the file.
 */
@Component
public class FileBrowser {

    /** The most items one search looks at. */
    public static final int SEARCH_VISITS = 20_000;
    /** The most results one search returns. */
    public static final int SEARCH_RESULTS = 200;

    private final FileStore store;
    private final FileLabels labels;
    private final ClassificationScheme scheme;
    private final AccessPolicy policy;
    private final AuditTrail audit;

    public FileBrowser(FileStore store, FileLabels labels, ClassificationScheme scheme,
            AccessPolicy policy, AuditTrail audit) {
        this.store = store;
        this.labels = labels;
        this.scheme = scheme;
        this.policy = policy;
        this.audit = audit;
    }

    public List<FileEntry> list(FilePath folder, WorkspaceUser user) {
        FileLabels.Effective inherited = store.stat(folder).map(labels::effective)
                .orElse(new FileLabels.Effective(null, null));
        return store.list(folder).stream()
                .filter(file -> !FileOperations.inTrash(file.path()))
                .map(file -> entry(file, labels.effectiveIn(file, inherited), user))
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * Files and folders whose name contains {@code text} (ignoring case) and, when given, whose
     * level is {@code level}, among what {@code user} may read: the walk never enters a folder
     * they may not read, so nothing above their clearance is listed, not even as restricted. The
     * trash is left out. The walk stops at {@link #SEARCH_VISITS} items and
     * {@link #SEARCH_RESULTS} results.
     */
    public List<FileEntry> search(String text, String level, WorkspaceUser user) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String wantedLevel = level == null || level.isBlank() ? null : level;
        List<FileEntry> found = new ArrayList<>();
        Deque<Map.Entry<StoredFile, FileLabels.Effective>> folders = new ArrayDeque<>();
        store.stat(FilePath.root()).ifPresent(root -> folders.add(Map.entry(root, labels.effective(root))));
        int visited = 0;
        while (!folders.isEmpty() && visited < SEARCH_VISITS && found.size() < SEARCH_RESULTS) {
            Map.Entry<StoredFile, FileLabels.Effective> folder = folders.poll();
            for (StoredFile file : store.list(folder.getKey().path())) {
                visited++;
                if (FileOperations.inTrash(file.path())) {
                    continue;
                }
                FileLabels.Effective effective = labels.effectiveIn(file, folder.getValue());
                if (!policy.decide(user, effective.label(), FileAction.READ).allowed()) {
                    continue;
                }
                FileEntry entry = entry(file, effective, user);
                if (entry.name().toLowerCase(Locale.ROOT).contains(wanted)
                        && (wantedLevel == null || wantedLevel.equals(entry.level()))
                        && found.size() < SEARCH_RESULTS) {
                    found.add(entry);
                }
                if (file.folder()) {
                    folders.add(Map.entry(file, effective));
                }
            }
        }
        return found;
    }

    /**
     * One item, asked for by its path.
     *
     * @return empty when there is none, or when the person may not even know it is there (the
     *     refusal is audited)
     * @throws LabelAccessDeniedException when it is restricted for the person (audited)
     */
    public Optional<FileEntry> find(FilePath path, WorkspaceUser user) {
        Optional<StoredFile> file = store.find(path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        FileLabels.Effective effective = labels.effective(file.get());
        FileEntry entry = entry(file.get(), effective, user);
        if (entry != null && !entry.restricted()) {
            return Optional.of(entry);
        }
        String reason = policy.decide(user, effective.label(), FileAction.READ).reason();
        audit.record(AuditEvent.of("file.entry", "file")
                .actor(user.login(), user.displayName())
                .target(file.get().folder() ? "folder" : "file", path.toString(),
                        effective.label() == null ? null : effective.label().level())
                .failure(reason)
                .build());
        if (entry == null) {
            return Optional.empty();
        }
        // The reason (which names the level) goes to the audit trail only.
        throw new LabelAccessDeniedException("this item is restricted: you may not see it");
    }

    /** The entry as {@code user} may see it; null when they may not know it is there. */
    private FileEntry entry(StoredFile file, FileLabels.Effective effective, WorkspaceUser user) {
        AccessDecision read = policy.decide(user, effective.label(), FileAction.READ);
        if (!read.allowed()) {
            ClassificationLevel level = effective.label() == null ? null
                    : scheme.find(effective.label().level()).orElse(null);
            return level == null || level.needToKnow() ? null : FileEntry.RESTRICTED;
        }
        String level = scheme.levelOf(effective.label());
        return new FileEntry(file.path().isRoot() ? "/" : file.path().name(), file.path().toString(),
                file.folder(), file.size(), file.contentType(), file.lastModified(), level,
                effective.inherited(file.path()), effective.label(), false);
    }
}
