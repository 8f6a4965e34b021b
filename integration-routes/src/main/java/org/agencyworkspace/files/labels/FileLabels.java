package org.agencyworkspace.files.labels;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.files.FileEvents;
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
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files' classification labels: reading a file's label (its own, or its folder's as the
 * default), setting or changing one with a reason, and the second approval a change that weakens
 * a label (a downgrade among them) needs.
 * The workspace's record, kept by file id, is what policy uses; the store is then told so its
 * own rules and people browsing it see the label too. Every change is audited.
 */
@Service
public class FileLabels {

    /** Shows a file's label in the store; body: the file's path. Replaying shows it again. */
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
     * @param status applied, or waiting for a second person's approval
     * @param label the label asked for
     * @param weakens why it waits: what in it could end or weaken the protection in force;
     *     empty when applied
     */
    public record Outcome(String changeId, Status status, Label label, List<String> weakens) {

        public Outcome {
            weakens = weakens == null ? List.of() : List.copyOf(weakens);
        }
    }

    private final FileStore store;
    private final LabelRecords records;
    private final ClassificationScheme scheme;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final EventPublisher domainEvents;
    private final Clock clock;

    public FileLabels(FileStore store, LabelRecords records, ClassificationScheme scheme,
            AccessPolicy policy, AuditTrail audit, EventPublisher domainEvents, Clock clock) {
        this.store = store;
        this.records = records;
        this.scheme = scheme;
        this.policy = policy;
        this.audit = audit;
        this.domainEvents = domainEvents;
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
     * A file or folder with every classified label in force at or below it.
     *
     * @param file the file or folder
     * @param labels its own or inherited label and those of everything beneath it, when
     *     classified; empty when nothing there is
     */
    public record Within(StoredFile file, Set<Label> labels) {
    }

    /**
     * {@code target} and everything below it, each with the classified labels in force at or
     * below it: a share of a folder reaches every file inside, so it must suit all of them.
     * Labels are passed down the walk, not looked up again.
     *
     * @return {@code target} first
     */
    public List<Within> within(StoredFile target) {
        List<Within> all = new ArrayList<>();
        collect(target, effective(target), all);
        return all;
    }

    private Set<Label> collect(StoredFile file, Effective label, List<Within> into) {
        Set<Label> found = new LinkedHashSet<>();
        if (label.label() != null && scheme.rank(label.label().level()) > 0) {
            found.add(label.label());
        }
        into.add(new Within(file, found));
        if (file.folder()) {
            for (StoredFile child : store.list(file.path())) {
                found.addAll(collect(child, effectiveIn(child, label), into));
            }
        }
        return found;
    }

    /**
     * Sets or changes the label of a file or folder (a folder's label is the default of what is
     * inside). A change that could end or weaken the protection in force (a lower level, an
     * earlier or new declassification date or condition, other people who need to know, another
     * classifier, a changed reason on a provisional label) is only asked for: it waits for a
     * second person's approval, as a downgrade does. Refusals are audited; nothing is changed.
     *
     * @throws LabelRejectedException when the label breaks a rule
     * @throws LabelAccessDeniedException when the person may not read the file, or may not
     *     classify at the level asked for
     */
    @Transactional
    public Outcome label(StoredFile file, LabelRequest request, WorkspaceUser actor) {
        Effective current = effective(file);
        String fromLevel = current.label() == null ? null : current.label().level();
        String path = file.path().toString();
        Label wanted;
        try {
            requireReadable(actor, current, file.path());
            wanted = checked(request, actor);
        } catch (LabelAccessDeniedException | LabelRejectedException e) {
            audit.record(AuditEvent.of("file.label.set", "file")
                    .actor(actor.login(), actor.displayName())
                    .target(file.folder() ? "folder" : "file", path,
                            fromLevel == null ? scheme.unmarked().code() : fromLevel)
                    .failure(e.getMessage())
                    .details(Map.of("asked", String.valueOf(request.level())))
                    .build());
            throw e;
        }
        List<String> weakens = scheme.weakenings(current.label(), !current.inherited(file.path()),
                wanted);
        if (!weakens.isEmpty()) {
            String id = records.addChange(file.fileId(), path, fromLevel, wanted,
                    Status.PENDING_APPROVAL.name(), actor.login());
            record("file.label.downgrade-requested", actor, path, fromLevel, wanted, id,
                    String.join("; ", weakens));
            return new Outcome(id, Status.PENDING_APPROVAL, wanted, weakens);
        }
        String id = records.addChange(file.fileId(), path, fromLevel, wanted,
                Status.APPLIED.name(), actor.login());
        apply(file.fileId(), path, file.folder(), wanted, actor.login());
        record("file.label.set", actor, path, fromLevel, wanted, id, null);
        if (current.label() == null || current.inherited(file.path())) {
            domainEvents.publish(labelled(path, file.folder(), wanted), actor.login());
        } else {
            domainEvents.publish(new FileEvents.Relabelled(path, file.folder(), fromLevel,
                    wanted.level(), actor.login(), null), actor.login());
        }
        return new Outcome(id, Status.APPLIED, wanted, List.of());
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
        apply(file.fileId(), path, file.folder(), folderLabel, actor.login());
        record("file.label.inherited", actor, path, null, folderLabel, id, null);
        domainEvents.publish(labelled(path, file.folder(), folderLabel), actor.login());
    }

    /**
     * Forgets the label kept under the id of a file that moved to a new id (on a store that
     * derives ids from paths), once the moved file has taken it along: a new file stored at the
     * old path must not find it.
     */
    @Transactional
    public void forgetMoved(StoredFile from, StoredFile to) {
        if (!from.fileId().equals(to.fileId())) {
            records.forget(from.fileId());
        }
    }

    /**
     * Approves a change someone else asked for that weakens a label (a downgrade among them).
     *
     * @throws LabelAccessDeniedException when the approver asked for it, lacks an approver role
     *     or a clearance at the level in force
     * @throws LabelRejectedException when there is no such pending change
     */
    @Transactional
    public Outcome approve(String changeId, WorkspaceUser approver) {
        String action = "file.label.downgrade-approved";
        LabelRecords.Change change = decidable(changeId, approver, action);
        StoredFile stored = store.stat(FilePath.of(change.path())).orElse(null);
        Label now = stored == null ? null : effective(stored).label();
        String levelNow = now == null ? null : now.level();
        if (stored == null || !Objects.equals(levelNow, change.fromLevel())
                || now != null && now.classifiedAt().isAfter(change.label().classifiedAt())) {
            // Approving would undo whatever was decided after the request: ask again instead.
            throw refused(action, approver, change, new LabelRejectedException("the label of "
                    + change.path() + " changed since change " + changeId + " was asked for;"
                    + " ask for it again"));
        }
        if (!records.decide(changeId, Status.APPLIED.name(), approver.login(), null)) {
            throw refused(action, approver, change, new LabelRejectedException("the change "
                    + changeId + " was decided meanwhile"));
        }
        boolean folder = stored.folder();
        apply(change.fileId(), change.path(), folder, change.label(), approver.login());
        record(action, approver, change.path(), change.fromLevel(),
                change.label(), changeId, "asked by " + change.requestedBy());
        domainEvents.publish(new FileEvents.Relabelled(change.path(), folder, change.fromLevel(),
                change.label().level(), change.requestedBy(), approver.login()), approver.login());
        return new Outcome(changeId, Status.APPLIED, change.label(), List.of());
    }

    /** Turns such a change down; the label stays as it is. */
    @Transactional
    public Outcome reject(String changeId, WorkspaceUser approver, String note) {
        String action = "file.label.downgrade-rejected";
        LabelRecords.Change change = decidable(changeId, approver, action);
        if (!records.decide(changeId, Status.REJECTED.name(), approver.login(), note)) {
            throw refused(action, approver, change, new LabelRejectedException("the change "
                    + changeId + " was decided meanwhile"));
        }
        record(action, approver, change.path(), change.fromLevel(),
                change.label(), changeId, note);
        return new Outcome(changeId, Status.REJECTED, change.label(), List.of());
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
        domainEvents.publish(new FileEvents.Relabelled(due.path(), due.folder(), current.level(),
                lifted.level(), AuditEvent.Actor.SYSTEM.id(), null), AuditEvent.Actor.SYSTEM.id());
        return true;
    }

    /**
     * Changes waiting for approval that {@code user} asked for or may decide, oldest first: the
     * path and label of a classified file are shown to nobody else.
     */
    public List<LabelRecords.Change> pendingFor(WorkspaceUser user) {
        return records.pending().stream()
                .filter(change -> user.login().equals(change.requestedBy())
                        || approverProblem(change, user) == null)
                .toList();
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

    private static FileEvents.Labelled labelled(String path, boolean folder, Label label) {
        return new FileEvents.Labelled(path, folder, label.level(), label.classifiedBy(),
                label.declassifyOn(), label.provisional());
    }

    private void apply(String fileId, String path, boolean folder, Label label, String by) {
        records.save(fileId, path, folder, label, by);
    }

    private void requireReadable(WorkspaceUser actor, Effective current, FilePath path) {
        AccessDecision read = policy.decide(actor, current.label(), FileAction.READ);
        if (!read.allowed()) {
            throw new LabelAccessDeniedException("may not relabel " + path + ": " + read.reason());
        }
    }

    /** The pending change, if {@code approver} may decide it; a refusal is audited. */
    private LabelRecords.Change decidable(String changeId, WorkspaceUser approver, String action) {
        LabelRecords.Change change = records.findChange(changeId)
                .filter(found -> Status.PENDING_APPROVAL.name().equals(found.status()))
                .orElse(null);
        if (change == null) {
            LabelRejectedException missing = new LabelRejectedException("no change " + changeId
                    + " is waiting for approval");
            audit.record(AuditEvent.of(action, "file")
                    .actor(approver.login(), approver.displayName())
                    .target("label-change", String.valueOf(changeId))
                    .failure(missing.getMessage())
                    .build());
            throw missing;
        }
        String problem = approverProblem(change, approver);
        if (problem != null) {
            throw refused(action, approver, change, new LabelAccessDeniedException(problem));
        }
        return change;
    }

    /** Why {@code approver} may not decide {@code change}, or null when they may. */
    private String approverProblem(LabelRecords.Change change, WorkspaceUser approver) {
        if (approver.login().equals(change.requestedBy())) {
            return "a change that weakens a label needs a second person: " + approver.login()
                    + " asked for it";
        }
        if (scheme.downgradeApproverRoles().stream().noneMatch(approver::hasRole)) {
            return "approving it needs one of the roles "
                    + String.join(", ", scheme.downgradeApproverRoles());
        }
        if (scheme.rank(approver.clearance()) < scheme.rank(change.fromLevel())) {
            return "clearance " + approver.clearance() + " is below " + change.fromLevel();
        }
        return null;
    }

    private <E extends RuntimeException> E refused(String action, WorkspaceUser actor,
            LabelRecords.Change change, E refusal) {
        audit.record(AuditEvent.of(action, "file")
                .actor(actor.login(), actor.displayName())
                .target("file", change.path(), change.fromLevel() == null
                        ? scheme.unmarked().code() : change.fromLevel())
                .failure(refusal.getMessage())
                .details(Map.of("change", change.id()))
                .build());
        return refusal;
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
