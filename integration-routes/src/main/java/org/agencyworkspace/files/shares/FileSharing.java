package org.agencyworkspace.files.shares;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.ShareRequest;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Service;

/**
 * Sharing through the workspace: a share is made only when the file's level allows it (the
 * same rule the share guard removes shares by), only by someone who may read the file, and its
 * creation, change and removal are audited, refusals included. Share passwords are never
 * recorded.
 */
@Service
public class FileSharing {

    /** Why a share was not made, changed or removed. */
    public static class ShareRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean notFound;

        ShareRefusedException(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }

        /** Whether the file or share does not exist (404) rather than being refused (403). */
        public boolean notFound() {
            return notFound;
        }
    }

    private final FileStore store;
    private final FileLabels labels;
    private final AccessPolicy policy;
    private final SharePolicy shares;
    private final ClassificationScheme scheme;
    private final AuditTrail audit;
    private final EventPublisher events;

    public FileSharing(FileStore store, FileLabels labels, AccessPolicy policy, SharePolicy shares,
            ClassificationScheme scheme, AuditTrail audit, EventPublisher events) {
        this.store = store;
        this.labels = labels;
        this.policy = policy;
        this.shares = shares;
        this.scheme = scheme;
        this.audit = audit;
        this.events = events;
    }

    /** The file's shares, for someone who may read it. */
    public List<FileShare> list(FilePath path, WorkspaceUser user) {
        return store.shares(readable(path, user, "file.share.list").file().path());
    }

    /**
     * Makes a share the file's level allows; for a folder, one every labelled file and folder
     * below it allows too (the strictest rule wins).
     *
     * @throws ShareRefusedException when the file is missing, the person may not read it or the
     *     level forbids this share
     * @throws org.agencyworkspace.files.store.SharingUnavailableException where the store has
     *     no sharing
     */
    public FileShare create(FilePath path, ShareRequest request, WorkspaceUser user) {
        Target target = readable(path, user, "file.share.created");
        // A share of a folder reaches everything inside: every label there must allow it.
        List<FileLabels.Within> within = labels.within(target.file());
        Set<Label> inForce = within.get(0).labels();
        Target judged = new Target(target.file(), target.label(), inForce.stream()
                .map(Label::level).reduce(target.level(), this::higher));
        for (Label label : inForce) {
            AccessDecision allowed = shares.decide(request.type(), request.sharedWith(), label);
            if (!allowed.allowed()) {
                String reason = label.equals(target.label()) ? allowed.reason()
                        : "a labelled file or folder below " + path + ": " + allowed.reason();
                throw refuse("file.share.created", user, judged, reason,
                        describe(request.type(), request.sharedWith()), false);
            }
        }
        FileShare made = store.createShare(target.file().path(), request);
        record("file.share.created", user, judged, made, request.password() != null);
        events.publish(new FileEvents.Shared(path.toString(), judged.level(), made.id(),
                made.type().name().toLowerCase(Locale.ROOT), made.sharedWith()), user.login());
        return made;
    }

    private String higher(String one, String other) {
        return scheme.rank(other) > scheme.rank(one) ? other : one;
    }

    /**
     * Changes a share's last day or password.
     *
     * @throws ShareRefusedException when the file or the share is missing, or the person may
     *     not read the file
     */
    public FileShare change(FilePath path, String shareId, LocalDate expires, String password,
            WorkspaceUser user) {
        if (password != null && (password.length() < 8 || password.length() > 200)) {
            throw new IllegalArgumentException("a share password must be 8 to 200 characters");
        }
        Target target = readable(path, user, "file.share.changed");
        FileShare share = shareOf(target, shareId, user, "file.share.changed");
        FileShare changed = store.changeShare(share, expires, password);
        record("file.share.changed", user, target, changed, password != null);
        return changed;
    }

    /**
     * Removes a share.
     *
     * @throws ShareRefusedException when the file or the share is missing, or the person may
     *     not read the file
     */
    public void remove(FilePath path, String shareId, WorkspaceUser user) {
        Target target = readable(path, user, "file.share.deleted");
        FileShare share = shareOf(target, shareId, user, "file.share.deleted");
        store.revokeShare(share);
        record("file.share.deleted", user, target, share, false);
    }

    private record Target(StoredFile file, Label label, String level) {
    }

    private Target readable(FilePath path, WorkspaceUser user, String action) {
        StoredFile file = store.find(path)
                .orElse(null);
        if (file == null) {
            throw refuse(action, user, new Target(null, null, null), "no file " + path,
                    path.toString(), true);
        }
        Label label = labels.effective(file).label();
        Target target = new Target(file, label,
                label == null ? scheme.unmarked().code() : label.level());
        AccessDecision read = policy.decide(user, label, FileAction.READ);
        if (!read.allowed()) {
            throw refuse(action, user, target, read.reason(), null, false);
        }
        return target;
    }

    private FileShare shareOf(Target target, String shareId, WorkspaceUser user, String action) {
        return store.shares(target.file().path()).stream()
                .filter(share -> share.id().equals(shareId))
                .findFirst()
                .orElseThrow(() -> refuse(action, user, target, "no share " + shareId + " of "
                        + target.file().path(), null, true));
    }

    private ShareRefusedException refuse(String action, WorkspaceUser user, Target target,
            String reason, String detail, boolean notFound) {
        AuditEvent.Builder event = AuditEvent.of(action, "file")
                .actor(user.login(), user.displayName())
                .failure(reason);
        if (target.file() != null) {
            event.target("file", target.file().path().toString(), target.level());
        }
        if (detail != null) {
            event.details(Map.of("share", detail));
        }
        audit.record(event.build());
        return new ShareRefusedException(reason, notFound);
    }

    private void record(String action, WorkspaceUser user, Target target, FileShare share,
            boolean passwordSet) {
        Map<String, String> details = new HashMap<>();
        details.put("share", share.id());
        details.put("type", share.type().name());
        details.put("sharedWith", share.sharedWith() == null ? "" : share.sharedWith());
        details.put("expires", share.expires() == null ? "" : share.expires().toString());
        details.put("passwordSet", Boolean.toString(passwordSet));
        audit.record(AuditEvent.of(action, "file")
                .actor(user.login(), user.displayName())
                .target("file", target.file().path().toString(), target.level())
                .details(details)
                .build());
    }

    private static String describe(FileShare.Type type, String sharedWith) {
        return sharedWith == null ? type.name() : type.name() + " " + sharedWith;
    }
}
