package org.agencyworkspace.files.access;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.FilesProperties;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.manage.FileRefusedException;
import org.agencyworkspace.files.shares.SharePolicy;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a new, moved, copied or restored item lands, judged before anything is written:
 * <ul>
 * <li>a name already held is refused in the same words whoever may see what holds it, so a
 *     refusal never tells a name hidden from the person from one they see (the audit record
 *     names the real occupant, its level and whether it was hidden);</li>
 * <li>an item whose labels a share of a folder above the landing place does not allow is
 *     refused there and then, rather than reachable through that share until the share guard's
 *     next scan.</li>
 * </ul>
 */
@Component
public class Placements {

    private final FileStore store;
    private final FileLabels labels;
    private final ClassificationScheme scheme;
    private final AccessPolicy policy;
    private final SharePolicy shares;
    private final AuditTrail audit;
    /** Whether the store shares at all; off with the share guard (a plain WebDAV server has no sharing API). */
    private final boolean storeShares;

    @Autowired
    public Placements(FileStore store, FileLabels labels, ClassificationScheme scheme,
            AccessPolicy policy, SharePolicy shares, AuditTrail audit, FilesProperties files) {
        this(store, labels, scheme, policy, shares, audit, files.shareGuard().enabled());
    }

    public Placements(FileStore store, FileLabels labels, ClassificationScheme scheme,
            AccessPolicy policy, SharePolicy shares, AuditTrail audit, boolean storeShares) {
        this.store = store;
        this.labels = labels;
        this.scheme = scheme;
        this.policy = policy;
        this.shares = shares;
        this.audit = audit;
        this.storeShares = storeShares;
    }

    /** The words of every refusal for a name something holds, seen or not. */
    public static String nameTaken(FilePath target) {
        return "the name " + target.name() + " is taken in this folder by an item you may not"
                + " replace: choose another name";
    }

    /**
     * Refuses {@code target} when anything is there.
     *
     * @throws FileRefusedException 409, in words that do not tell whether the person may see
     *     what is there
     */
    public void requireFree(String action, WorkspaceUser user, FilePath target) {
        store.stat(target).ifPresent(occupant -> {
            throw taken(action, user, target, occupant, "the name is taken");
        });
    }

    /**
     * Records a refusal for a name held by {@code occupant} with its real name, level and whether
     * the person may see it, and gives the refusal to throw; the reason is for the audit record.
     */
    public FileRefusedException taken(String action, WorkspaceUser user, FilePath target,
            StoredFile occupant, String reason) {
        FileLabels.Effective label = labels.effective(occupant);
        boolean visible = visible(user, label);
        audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                .target(occupant.folder() ? "folder" : "file", occupant.path().toString(),
                        scheme.levelOf(label.label()))
                .failure(reason)
                .details(Map.of("collision", target.toString(),
                        "occupant", visible ? "visible" : "hidden"))
                .build());
        return new FileRefusedException(RefusedException.Kind.CONFLICT, nameTaken(target));
    }

    /** Whether the person may see {@code item} (and so learn anything about it, its lock too). */
    public boolean visible(WorkspaceUser user, StoredFile item) {
        return visible(user, labels.effective(item));
    }

    private boolean visible(WorkspaceUser user, FileLabels.Effective label) {
        return policy.decide(user, label.label(), FileAction.READ).allowed();
    }

    /**
     * Refuses placing something carrying {@code inForce} (the labels at and below it) at
     * {@code target} when a folder above it has a share one of them does not allow.
     *
     * @throws FileRefusedException 403, audited
     */
    public void requireNotExposed(String action, WorkspaceUser user, FilePath target,
            Collection<Label> inForce) {
        exposure(target, inForce).ifPresent(problem -> {
            String level = inForce.stream().map(Label::level)
                    .max(Comparator.comparingInt(scheme::rank)).orElse(scheme.unmarked().code());
            audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                    .target("file", target.toString(), level).failure(problem).build());
            throw new FileRefusedException(RefusedException.Kind.FORBIDDEN, problem);
        });
    }

    private Optional<String> exposure(FilePath target, Collection<Label> inForce) {
        if (!storeShares || inForce.stream().allMatch(label -> label == null || scheme.rank(label.level()) == 0)) {
            return Optional.empty();
        }
        for (FilePath folder = target.parent().orElse(null); folder != null;
                folder = folder.parent().orElse(null)) {
            for (FileShare share : store.shares(folder)) {
                for (Label label : inForce) {
                    if (label == null) {
                        continue;
                    }
                    AccessDecision allowed = shares.decide(share.type(), share.sharedWith(), label);
                    if (!allowed.allowed()) {
                        return Optional.of((folder.isRoot() ? "the top folder" : folder.toString())
                                + " is shared in a way the item's level does not allow ("
                                + share.type().name().toLowerCase(java.util.Locale.ROOT) + "): "
                                + allowed.reason() + "; remove that share or put it elsewhere");
                    }
                }
            }
        }
        return Optional.empty();
    }
}
