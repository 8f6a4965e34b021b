package org.agencyworkspace.files.shares;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.files.FilesProperties;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Removes shares a file's level forbids: public links, shares outside the agency (e-mail,
 * federated, guests, anything the store cannot place), and shares with colleagues who may not
 * read the file (clearance below the level, not among those who need to know, or a group with
 * any such member; someone the staff directory does not know cannot be checked and is refused).
 * It looks at every labelled file, everything below a labelled folder and every folder above
 * them (a share of a folder reaches what is inside; the strictest label there wins), on a
 * schedule and whenever a label changes; each removal is audited and the share's owner is told
 * why.
 */
@Service
public class ShareGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ShareGuard.class);

    /**
     * What a scan did.
     *
     * @param filesChecked files and folders whose shares were read
     * @param revoked shares removed
     * @param failures files whose shares could not be read or removed (retried next scan)
     */
    public record ScanResult(int filesChecked, int revoked, int failures) {
    }

    private final FileStore store;
    private final FileLabels labels;
    private final LabelRecords records;
    private final SharePolicy shares;
    private final AuditTrail audit;
    private final Messenger messenger;
    private final ClassificationScheme scheme;
    private final String unmarked;

    public ShareGuard(FileStore store, FileLabels labels, LabelRecords records,
            SharePolicy shares, ClassificationScheme scheme, AuditTrail audit,
            Messenger messenger) {
        this.store = store;
        this.labels = labels;
        this.records = records;
        this.shares = shares;
        this.audit = audit;
        this.messenger = messenger;
        this.scheme = scheme;
        this.unmarked = scheme.unmarked().code();
    }

    /**
     * Checks every labelled file and folder, everything below labelled folders, and the folders
     * above them: a share of an unlabelled folder reaches the labelled files inside.
     */
    public synchronized ScanResult scan() {
        Tally tally = new Tally(false);
        Map<FilePath, Set<Label>> above = new LinkedHashMap<>();
        List<FilePath> walked = new ArrayList<>();
        for (String labelled : records.labelledPaths(unmarked)) {
            FilePath path = FilePath.of(labelled);
            // Nested labels were seen in the walk below the outer one.
            if (walked.stream().anyMatch(root -> isBelow(path, root))) {
                continue;
            }
            if (guardTree(path, above, tally)) {
                walked.add(path);
            }
        }
        guardAbove(above, tally);
        if (tally.revoked > 0 || tally.failures > 0) {
            LOG.info("Share guard checked {} files: {} shares removed, {} failures", tally.checked,
                    tally.revoked, tally.failures);
        }
        return new ScanResult(tally.checked, tally.revoked, tally.failures);
    }

    /**
     * Checks one file or folder (a label just changed), what is below it and the folders above
     * it; body of the guard route. A failure is thrown, so the route retries it.
     */
    public int guard(String path) {
        Tally tally = new Tally(true);
        Map<FilePath, Set<Label>> above = new LinkedHashMap<>();
        guardTree(FilePath.of(path), above, tally);
        guardAbove(above, tally);
        return tally.revoked;
    }

    /** What a check did so far; a single check rethrows what a scan counts and goes past. */
    private static final class Tally {
        int checked;
        int revoked;
        int failures;
        final boolean rethrow;

        Tally(boolean rethrow) {
            this.rethrow = rethrow;
        }

        void failed(FilePath path, ConnectorException e) {
            if (rethrow) {
                throw e;
            }
            failures++;
            LOG.warn("Share guard could not check {}: {}", path, e.getMessage());
        }
    }

    /**
     * Guards {@code root} and everything below it, and notes its labels for each folder above
     * it, whose shares reach it too.
     *
     * @return whether the tree was read (a missing or unreadable root is not)
     */
    private boolean guardTree(FilePath root, Map<FilePath, Set<Label>> above, Tally tally) {
        List<FileLabels.Within> tree;
        try {
            tree = store.stat(root).map(labels::within).orElse(List.of());
        } catch (ConnectorException e) {
            tally.failed(root, e);
            return false;
        }
        if (tree.isEmpty()) {
            return false;
        }
        for (FileLabels.Within node : tree) {
            check(node.file(), node.labels(), tally);
        }
        Set<Label> inForce = tree.get(0).labels();
        if (!inForce.isEmpty()) {
            for (FilePath folder = root.parent().orElse(null); folder != null;
                    folder = folder.parent().orElse(null)) {
                above.computeIfAbsent(folder, key -> new LinkedHashSet<>()).addAll(inForce);
            }
        }
        return true;
    }

    private void guardAbove(Map<FilePath, Set<Label>> above, Tally tally) {
        above.forEach((path, inForce) -> {
            try {
                store.stat(path).ifPresent(folder -> check(folder, inForce, tally));
            } catch (ConnectorException e) {
                tally.failed(path, e);
            }
        });
    }

    private void check(StoredFile file, Set<Label> inForce, Tally tally) {
        try {
            tally.revoked += guard(file, inForce);
            tally.checked++;
        } catch (ConnectorException e) {
            tally.failed(file.path(), e);
        }
    }

    /** Removes the shares of {@code file} that any of the labels in force there forbids. */
    private int guard(StoredFile file, Set<Label> inForce) {
        if (inForce.isEmpty()) {
            return 0;
        }
        int revoked = 0;
        for (FileShare share : store.shares(file.path())) {
            AccessDecision allowed = inForce.stream()
                    .map(label -> shares.decide(share.type(), share.sharedWith(), label))
                    .filter(decision -> !decision.allowed())
                    .findFirst().orElse(null);
            if (allowed == null) {
                continue;
            }
            store.revokeShare(share);
            revoked++;
            String level = inForce.stream().map(Label::level)
                    .max(Comparator.comparingInt(scheme::rank)).orElseThrow();
            audit.record(AuditEvent.of("file.share.revoked", "file")
                    .target(file.folder() ? "folder" : "file", file.path().toString(), level)
                    .reason(allowed.reason())
                    .details(Map.of("share", share.id(), "type", share.type().name(),
                            "owner", share.owner() == null ? "unknown" : share.owner(),
                            "sharedWith", share.sharedWith() == null ? "" : share.sharedWith()))
                    .build());
            if (share.owner() != null) {
                messenger.send(OutgoingMessage.of(Recipient.user(share.owner()), "file.share-revoked",
                        Map.of("file", file.path().toString(), "share", describe(share),
                                "reason", allowed.reason())));
            }
        }
        return revoked;
    }

    private static boolean isBelow(FilePath path, FilePath folder) {
        for (FilePath step = path; step != null; step = step.parent().orElse(null)) {
            if (step.equals(folder)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(FileShare share) {
        return switch (share.type()) {
            case PUBLIC_LINK -> "public link";
            case USER, GROUP, EXTERNAL -> "share with " + share.sharedWith();
            case OTHER -> "share (" + share.type().name().toLowerCase(Locale.ROOT) + ")";
        };
    }
}
