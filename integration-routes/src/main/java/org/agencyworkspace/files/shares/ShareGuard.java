package org.agencyworkspace.files.shares;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.files.FilesProperties;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.files.store.FilePath;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Removes shares a file's level forbids: public links, shares outside the agency (e-mail,
 * federated, guests, anything the store cannot place), and shares with colleagues who may not
 * read the file (clearance below the level, not among those who need to know, or a group with
 * any such member; someone the staff directory does not know cannot be checked and is refused).
 * It looks at every labelled file and every file below a labelled folder, on a schedule and
 * whenever a label changes; each removal is audited and the share's owner is told why.
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
    private final String unmarked;
    private final ProducerTemplate producer;
    private final boolean enabled;

    public ShareGuard(FileStore store, FileLabels labels, LabelRecords records,
            SharePolicy shares, ClassificationScheme scheme, AuditTrail audit,
            Messenger messenger, ProducerTemplate producer, FilesProperties files) {
        this.store = store;
        this.labels = labels;
        this.records = records;
        this.shares = shares;
        this.audit = audit;
        this.messenger = messenger;
        this.unmarked = scheme.unmarked().code();
        this.producer = producer;
        this.enabled = files.shareGuard().enabled();
    }

    /** Checks every labelled file and everything below labelled folders. */
    public synchronized ScanResult scan() {
        int checked = 0;
        int revoked = 0;
        int failures = 0;
        for (String labelled : records.labelledPaths(unmarked)) {
            List<Guarded> files = new ArrayList<>();
            try {
                store.stat(FilePath.of(labelled))
                        .ifPresent(file -> collect(file, labels.effective(file), files));
            } catch (ConnectorException e) {
                failures++;
                LOG.warn("Share guard could not read {}: {}", labelled, e.getMessage());
                continue;
            }
            for (Guarded guarded : files) {
                try {
                    revoked += guard(guarded.file(), guarded.label());
                    checked++;
                } catch (ConnectorException e) {
                    failures++;
                    LOG.warn("Share guard could not check {}: {}", guarded.file().path(),
                            e.getMessage());
                }
            }
        }
        if (revoked > 0 || failures > 0) {
            LOG.info("Share guard checked {} files: {} shares removed, {} failures", checked,
                    revoked, failures);
        }
        return new ScanResult(checked, revoked, failures);
    }

    /** A label was stored: check that file's shares at once rather than at the next scan. */
    @TransactionalEventListener(fallbackExecution = true)
    public void labelApplied(FileLabels.Applied applied) {
        if (enabled) {
            producer.asyncSendBody(ShareGuardRoutes.GUARD_FILE, applied.path());
        }
    }

    /** Checks one file or folder (a label just changed); body of the guard route. */
    public int guard(String path) {
        return store.stat(FilePath.of(path)).map(this::guard).orElse(0);
    }

    /** Removes the shares of {@code file} its level forbids; returns how many. */
    int guard(StoredFile file) {
        return guard(file, labels.effective(file).label());
    }

    private int guard(StoredFile file, Label label) {
        if (label == null) {
            return 0;
        }
        int revoked = 0;
        for (FileShare share : store.shares(file.path())) {
            AccessDecision allowed = shares.decide(share.type(), share.sharedWith(), label);
            if (allowed.allowed()) {
                continue;
            }
            store.revokeShare(share);
            revoked++;
            audit.record(AuditEvent.of("file.share.revoked", "file")
                    .target("file", file.path().toString(), label.level())
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

    /** A file or folder to check, with its label as policy sees it. */
    private record Guarded(StoredFile file, Label label) {
    }

    /** {@code file} and everything below it; labels are passed down, not looked up again. */
    private void collect(StoredFile file, FileLabels.Effective label, List<Guarded> into) {
        into.add(new Guarded(file, label.label()));
        if (file.folder()) {
            for (StoredFile child : store.list(file.path())) {
                collect(child, labels.effectiveIn(child, label), into);
            }
        }
    }

    private static String describe(FileShare share) {
        return switch (share.type()) {
            case PUBLIC_LINK -> "public link";
            case USER, GROUP, EXTERNAL -> "share with " + share.sharedWith();
            case OTHER -> "share (" + share.type().name().toLowerCase(Locale.ROOT) + ")";
        };
    }
}
