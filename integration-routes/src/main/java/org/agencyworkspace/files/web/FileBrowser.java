package org.agencyworkspace.files.web;

import java.util.List;
import java.util.Optional;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.store.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.springframework.stereotype.Component;

/** Lists folders with each entry's label, for the API and the file pages. */
@Component
public class FileBrowser {

    private final FileStore store;
    private final FileLabels labels;
    private final ClassificationScheme scheme;

    public FileBrowser(FileStore store, FileLabels labels, ClassificationScheme scheme) {
        this.store = store;
        this.labels = labels;
        this.scheme = scheme;
    }

    public List<FileEntry> list(FilePath folder) {
        FileLabels.Effective inherited = store.stat(folder).map(labels::effective)
                .orElse(new FileLabels.Effective(null, null));
        return store.list(folder).stream()
                .map(file -> entry(file, labels.effectiveIn(file, inherited))).toList();
    }

    public Optional<FileEntry> find(FilePath path) {
        return store.stat(path).map(file -> entry(file, labels.effective(file)));
    }

    private FileEntry entry(StoredFile file, FileLabels.Effective effective) {
        String level = effective.label() == null ? scheme.unmarked().code() : effective.label().level();
        return new FileEntry(file.path().isRoot() ? "/" : file.path().name(), file.path().toString(),
                file.folder(), file.size(), file.contentType(), file.lastModified(), level,
                effective.inherited(file.path()), effective.label());
    }
}
