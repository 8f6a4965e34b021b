package org.agencyworkspace.files.classification;

import java.util.List;
import org.agencyworkspace.security.WorkspaceUser;

/**
 * Who may do what with a labelled file. Reading needs a clearance at least the file's level and,
 * when the label names who needs to know (always for levels that require it), to be one of them
 * or the classifier. Downloading, printing and copying also need the level to allow them; public
 * links and outside shares depend on the level alone. Anything unknown is refused.
 */
public class AccessPolicy {

    private final ClassificationScheme scheme;

    public AccessPolicy(ClassificationScheme scheme) {
        this.scheme = scheme;
    }

    /**
     * @param label the file's label, or null for an unlabelled (ordinary) file
     */
    public AccessDecision decide(WorkspaceUser user, Label label, FileAction action) {
        ClassificationLevel level = label == null ? scheme.unmarked()
                : scheme.find(label.level()).orElse(null);
        if (level == null) {
            return AccessDecision.deny("the file's classification '" + label.level()
                    + "' is not known here");
        }
        return switch (action) {
            case PUBLIC_LINK -> level.publicLinks() ? AccessDecision.allow(false)
                    : AccessDecision.deny(level.nameZh() + " files may not have public links");
            case EXTERNAL_SHARE -> level.externalShares() ? AccessDecision.allow(false)
                    : AccessDecision.deny(level.nameZh() + " files may not be shared outside the agency");
            case READ -> read(user, label, level);
            case DOWNLOAD -> also(read(user, label, level), level.download(), level, "downloaded");
            case PRINT -> also(read(user, label, level), level.print(), level, "printed");
            case COPY -> also(read(user, label, level), level.copy(), level, "copied");
        };
    }

    private AccessDecision read(WorkspaceUser user, Label label, ClassificationLevel level) {
        if (user == null) {
            return AccessDecision.deny("not signed in");
        }
        int clearance = scheme.rank(user.clearance());
        if (clearance < scheme.rank(level.code())) {
            return AccessDecision.deny("clearance " + user.clearance() + " is below "
                    + level.nameZh() + " (" + level.code() + ")");
        }
        if (label != null && label.namesReaders() && !needsToKnow(user, label)) {
            return AccessDecision.deny("not among the people who need to know this file");
        }
        if (label != null && level.needToKnow() && !label.namesReaders()) {
            return AccessDecision.deny("the label names nobody who needs to know");
        }
        return AccessDecision.allow(level.stepUp());
    }

    private static boolean needsToKnow(WorkspaceUser user, Label label) {
        List<String> groups = label.groups();
        return user.login().equals(label.classifiedBy()) || label.readers().contains(user.login())
                || user.departments().stream().anyMatch(groups::contains);
    }

    private static AccessDecision also(AccessDecision read, boolean levelAllows,
            ClassificationLevel level, String verb) {
        if (!read.allowed()) {
            return read;
        }
        return levelAllows ? read : AccessDecision.deny(level.nameZh() + " files may not be " + verb);
    }
}
