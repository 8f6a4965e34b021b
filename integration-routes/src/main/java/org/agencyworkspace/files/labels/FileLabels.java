package org.agencyworkspace.files.labels;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.classification.LabelRejectedException;
import org.agencyworkspace.files.store.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Files' classification labels: reading a file's label (its own, or its folder's as the
 * default), setting or changing one with a reason, and the second approval a downgrade needs.
 * The workspace's record, kept by file id, is what policy uses; the store is then told so its
 * own rules and people browsing it see the label too. Every change is audited.
 */
@Service
public class FileLabels {

    /** Shows a file's label in the store; body: the file's path. Replaying shows it again. */
    public static final String SHOW_ENDPOINT = "direct:file-label-show";
    public static final String SHOW_ROUTE_ID = "file-label-show";

    /**
     * A file's label as policy sees it.
     *
     * @param label the label, or null for an ordinary (unmarked) file
     * @param from where it came from: the file itself, or the folder whose default it is
     */
    public record Effective(Label label, FilePath from) {

        public boolean inherited(FilePath file) {
            return from != null && !from.equals(file);
        }
    }

    /** What became of a label change. */
    public enum Status { APPLIED, PENDING_APPROVAL, REJECTED }

    /**
     * @param changeId the change, for approval and the audit trail
     * @param status applied, or waiting for a second person's approval (a downgrade)
     * @param label the label asked for
     */
    public record Outcome(String changeId, Status status, Label label) {
    }

    private final FileStore store;
    private final LabelRecords records;
    private final ClassificationScheme scheme;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final ProducerTemplate producer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public FileLabels(FileStore store, LabelRecords records, ClassificationScheme scheme,
            AccessPolicy policy, AuditTrail audit, ProducerTemplate producer,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.records = records;
        this.scheme = scheme;
        this.policy = policy;
        this.audit = audit;
        this.producer = producer;
        this.events = events;
        this.clock = clock;
    }

    /** The file's own label or, failing that, the nearest folder's above it. */
    public Effective effective(StoredFile file) {
        Optional<Label> own = records.find(file.fileId());
        if (own.isPresent()) {
            return new Effective(own.get(), file.path());
        }
        Optional<FilePath> folder = file.path().parent();
        while (folder.isPresent()) {
            Optional<StoredFile> stored = store.stat(folder.get());
            Optional<Label> inherited = stored.flatMap(found -> records.find(found.fileId()));
            if (inherited.isPresent()) {
                return new Effective(inherited.get(), folder.get());
            }
            folder = folder.get().parent();
        }
        return new Effective(null, null);
    }

    /**
     * The label of {@code file} inside a folder whose effective label is already known: its own,
     * or else the folder's. Walking a folder's entries this way does not look up every folder
     * above again for each entry.
     */
    public Effective effectiveIn(StoredFile file, Effective folder) {
        return records.find(file.fileId()).map(own -> new Effective(own, file.path())).orElse(folder);
    }

    /**
     * Sets or changes the label of a file or folder (a folder's label is the default of what is
     * inside). A downgrade is only asked for: it waits for a second person's approval.
     *
     * @throws LabelRejectedException when the label breaks a rule
     * @throws LabelAccessDeniedException when the person may not read the file, or may not
     *     classify at the level asked for
     */
    @Transactional
    public Outcome label(StoredFile file, LabelRequest request, WorkspaceUser actor) {
        Effective current = effective(file);
        requireReadable(actor, current, file.path());
        Label wanted = checked(request, actor);
        String fromLevel = current.label() == null ? null : current.label().level();
        String path = file.path().toString();
        if (fromLevel != null && scheme.isDowngrade(fromLevel, wanted.level())) {
            String id = records.addChange(file.fileId(), path, fromLevel, wanted,
                    Status.PENDING_APPROVAL.name(), actor.login());
            record("file.label.downgrade-requested", actor, path, fromLevel, wanted, id, null);
            return new Outcome(id, Status.PENDING_APPROVAL, wanted);
        }
        String id = records.addChange(file.fileId(), path, fromLevel, wanted,
                Status.APPLIED.name(), actor.login());
        apply(file.fileId(), path, file.folder(), wanted, actor.login());
        record("file.label.set", actor, path, fromLevel, wanted, id, null);
        return new Outcome(id, Status.APPLIED, wanted);
    }

    /**
     * The label {@code actor} asks for, checked against the level's rules and the actor's own
     * clearance, without storing anything: what a label change and an upload check first.
     *
     * @throws LabelRejectedException when the label breaks a rule
     * @throws LabelAccessDeniedException when the actor may not classify at that level
     */
    public Label checked(LabelRequest request, WorkspaceUser actor) {
        Label wanted = scheme.check(new Label(request.level(), request.reason(), actor.login(),
                clock.instant(), request.authority(), request.declassifyOn(),
                request.declassifyCondition(), request.provisional(), null, request.readers(),
                request.groups()));
        if (scheme.rank(actor.clearance()) < scheme.rank(wanted.level())) {
            throw new LabelAccessDeniedException("clearance " + actor.clearance()
                    + " may not classify at " + wanted.level());
        }
        return wanted;
    }

    /**
     * Gives a new file its folder's label as its own, so the file keeps it when moved out.
     */
    @Transactional
    public void adopt(StoredFile file, Label folderLabel, WorkspaceUser actor) {
        String path = file.path().toString();
        String id = records.addChange(file.fileId(), path, null, folderLabel,
                Status.APPLIED.name(), actor.login());
        apply(file.fileId(), path, false, folderLabel, actor.login());
        record("file.label.inherited", actor, path, null, folderLabel, id, null);
    }

    /**
     * Approves a downgrade someone else asked for.
     *
     * @throws LabelAccessDeniedException when the approver asked for it, lacks an approver role
     *     or a clearance at the level being lowered
     * @throws LabelRejectedException when there is no such pending change
     */
    @Transactional
    public Outcome approve(String changeId, WorkspaceUser approver) {
        LabelRecords.Change change = pendingChange(changeId);
        requireApprover(change, approver);
        if (!records.decide(changeId, Status.APPLIED.name(), approver.login(), null)) {
            throw new LabelRejectedException("the change " + changeId + " was decided meanwhile");
        }
        boolean folder = store.stat(FilePath.of(change.path())).map(StoredFile::folder).orElse(false);
        apply(change.fileId(), change.path(), folder, change.label(), approver.login());
        record("file.label.downgrade-approved", approver, change.path(), change.fromLevel(),
                change.label(), changeId, "asked by " + change.requestedBy());
        return new Outcome(changeId, Status.APPLIED, change.label());
    }

    /** Turns a downgrade down; the label stays as it is. */
    @Transactional
    public Outcome reject(String changeId, WorkspaceUser approver, String note) {
        LabelRecords.Change change = pendingChange(changeId);
        requireApprover(change, approver);
        if (!records.decide(changeId, Status.REJECTED.name(), approver.login(), note)) {
            throw new LabelRejectedException("the change " + changeId + " was decided meanwhile");
        }
        record("file.label.downgrade-rejected", approver, change.path(), change.fromLevel(),
                change.label(), changeId, note);
        return new Outcome(changeId, Status.REJECTED, change.label());
    }

    /**
     * Lifts a label whose declassification date has come: the file becomes unmarked, the change
     * recorded and audited with the workspace as the actor (the date was approved when the file
     * was classified, so no second person is asked). Skipped when the label changed meanwhile.
     *
     * @return whether the label was lifted
     */
    @Transactional
    public boolean declassify(LabelRecords.Labelled due, LocalDate today) {
        Label current = records.find(due.fileId()).orElse(null);
        if (current == null || !current.equals(due.label()) || current.declassifyOn() == null
                || current.declassifyOn().isAfter(today)) {
            return false;
        }
        Label lifted = scheme.check(new Label(scheme.unmarked().code(),
                "declassified on " + current.declassifyOn(), AuditEvent.Actor.SYSTEM.id(),
                clock.instant(), null, null, null, false, null, null, null));
        String id = records.addChange(due.fileId(), due.path(), current.level(), lifted,
                Status.APPLIED.name(), AuditEvent.Actor.SYSTEM.id());
        apply(due.fileId(), due.path(), due.folder(), lifted, AuditEvent.Actor.SYSTEM.id());
        record("file.label.declassified", AuditEvent.Actor.SYSTEM, due.path(), current.level(),
                lifted, id, "declassification date " + current.declassifyOn());
        return true;
    }

    /** Downgrades waiting for approval, oldest first. */
    public List<LabelRecords.Change> pendingDowngrades() {
        return records.pending();
    }

    /** Shows the current label of the file at {@code path} in the store: the show route's work. */
    public void show(String path) {
        FilePath filePath = FilePath.of(path);
        StoredFile file = store.stat(filePath).orElse(null);
        if (file == null) {
            return;
        }
        records.find(file.fileId()).ifPresent(label ->
                store.showLabel(file, label.level(), records.write(label)));
    }

    /** A label was stored; the store is told once the change is committed. */
    public record Applied(String path) {
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void applied(Applied applied) {
        producer.asyncSendBody(SHOW_ENDPOINT, applied.path());
    }

    private void apply(String fileId, String path, boolean folder, Label label, String by) {
        records.save(fileId, path, folder, label, by);
        events.publishEvent(new Applied(path));
    }

    private void requireReadable(WorkspaceUser actor, Effective current, FilePath path) {
        AccessDecision read = policy.decide(actor, current.label(), FileAction.READ);
        if (!read.allowed()) {
            throw new LabelAccessDeniedException("may not relabel " + path + ": " + read.reason());
        }
    }

    private void requireApprover(LabelRecords.Change change, WorkspaceUser approver) {
        if (approver.login().equals(change.requestedBy())) {
            throw new LabelAccessDeniedException("a downgrade needs a second person: "
                    + approver.login() + " asked for it");
        }
        if (scheme.downgradeApproverRoles().stream().noneMatch(approver::hasRole)) {
            throw new LabelAccessDeniedException("approving a downgrade needs one of the roles "
                    + String.join(", ", scheme.downgradeApproverRoles()));
        }
        if (scheme.rank(approver.clearance()) < scheme.rank(change.fromLevel())) {
            throw new LabelAccessDeniedException("clearance " + approver.clearance()
                    + " is below " + change.fromLevel());
        }
    }

    private LabelRecords.Change pendingChange(String changeId) {
        return records.findChange(changeId)
                .filter(change -> Status.PENDING_APPROVAL.name().equals(change.status()))
                .orElseThrow(() -> new LabelRejectedException("no downgrade " + changeId
                        + " is waiting for approval"));
    }

    private void record(String action, WorkspaceUser actor, String path, String fromLevel,
            Label label, String changeId, String note) {
        record(action, new AuditEvent.Actor(actor.login(), actor.displayName()), path, fromLevel,
                label, changeId, note);
    }

    private void record(String action, AuditEvent.Actor actor, String path, String fromLevel,
            Label label, String changeId, String note) {
        Map<String, String> details = new HashMap<>();
        details.put("change", changeId);
        details.put("from", fromLevel == null ? "none" : fromLevel);
        details.put("to", label.level());
        if (label.reason() != null) {
            details.put("reason", label.reason());
        }
        if (note != null) {
            details.put("note", note);
        }
        audit.record(AuditEvent.of(action, "file")
                .actor(actor)
                .target("file", path, label.level())
                .details(details)
                .build());
    }
}
