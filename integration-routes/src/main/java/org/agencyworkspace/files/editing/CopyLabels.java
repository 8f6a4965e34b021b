package org.agencyworkspace.files.editing;

import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Component;

/**
 * Labels of the files editing writes besides the one being edited (an ONLYOFFICE conflict copy,
 * a Save As, a renamed file with a new id): the content is the source's, so the copy carries at
 * least the source's label. Labels are kept by file id, so a new file would otherwise have only
 * its folder's.
 */
@Component
public class CopyLabels {

    private final FileLabels labels;
    private final ClassificationScheme scheme;

    public CopyLabels(FileLabels labels, ClassificationScheme scheme) {
        this.labels = labels;
        this.scheme = scheme;
    }

    /**
     * Gives a new {@code copy} the source's label as its own, unless where it landed is already
     * stricter (a folder of a higher level).
     */
    public void carry(FileLabels.Effective source, StoredFile copy, WorkspaceUser actor) {
        Label from = source.label();
        if (from == null) {
            return;
        }
        FileLabels.Effective there = labels.effective(copy);
        Label label = there.label();
        if (label != null && (scheme.rank(label.level()) > scheme.rank(from.level())
                || label.equals(from) && !there.inherited(copy.path()))) {
            return;
        }
        labels.adopt(copy, from, actor);
    }

    /**
     * Whether the source's content may replace {@code target}'s: only when the target's label is
     * the source's or of a higher level, since replacing content never changes a label.
     */
    boolean mayReplace(FileLabels.Effective source, StoredFile target) {
        Label from = source.label();
        if (from == null) {
            return true;
        }
        Label there = labels.effective(target).label();
        return there != null && (there.equals(from) || scheme.rank(there.level()) > scheme.rank(from.level()));
    }
}
