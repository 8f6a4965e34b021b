package org.agencyworkspace.identity;

import static org.agencyworkspace.identity.IdentityRejectedException.Reason.NOT_FOUND;
import static org.agencyworkspace.identity.IdentityRejectedException.Reason.UNIQUENESS;
import static org.agencyworkspace.identity.IdentityRejectedException.Reason.VERSION_MISMATCH;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way identities change, whichever source asks: checks the rules, stores the identity,
 * queues the change for the apps and audits it, all in one transaction, so a refused change
 * leaves nothing behind and an accepted one is never lost. Sending the same state twice changes
 * nothing and queues nothing.
 */
@Service
public class IdentityService {

    private final IdentityStore store;
    private final IdentityChanges changes;
    private final IdentityRules rules;
    private final AuditTrail audit;
    private final EventPublisher events;

    public IdentityService(IdentityStore store, IdentityChanges changes, IdentityRules rules,
            AuditTrail audit, EventPublisher events) {
        this.store = store;
        this.changes = changes;
        this.rules = rules;
        this.audit = audit;
        this.events = events;
    }

    public Optional<Identity> find(String id) {
        return store.find(id);
    }

    /**
     * Adds a person.
     *
     * @param actor who asked, for the audit trail (e.g. {@code scim:<client>})
     * @throws IdentityRejectedException when a rule is broken or the user name is taken
     */
    @Transactional
    public Identity create(IdentityDraft draft, String source, String actor) {
        IdentityDraft checked = rules.check(draft);
        Optional<Identity> existing = store.findByUserName(checked.userName());
        if (existing.isPresent() && existing.get().status() != Identity.Status.DELETED) {
            throw new IdentityRejectedException(UNIQUENESS,
                    "userName " + checked.userName() + " is already taken");
        }
        String id = existing.map(Identity::id).orElseGet(() -> UUID.randomUUID().toString());
        Identity.Status status = checked.active() ? Identity.Status.ACTIVE : Identity.Status.INACTIVE;
        if (existing.isPresent()) {
            // A deleted person coming back keeps their id, so every app links the same accounts.
            store.update(id, status, checked);
        } else {
            store.insert(id, source, status, checked);
        }
        if (checked.active()) {
            changes.enqueue(id, Kind.JOIN, checked, false);
            events.publish(joined(checked), actor);
        }
        record("identity.create", actor, checked.userName(), Map.of("status", status.name()));
        return store.find(id).orElseThrow();
    }

    /** What {@link #importFrom} did. */
    public enum ImportOutcome { CREATED, UPDATED, UNCHANGED }

    /**
     * Takes a person as a pulling source (Syncope) currently has them: creates the identity the
     * first time, replaces it afterwards, and does nothing when nothing changed, so reading the
     * same record again is harmless. The source's own id ({@link IdentityDraft#externalId()})
     * links the two, so a rename in the source renames the identity.
     *
     * @throws IdentityRejectedException when a rule is broken, or the user name belongs to an
     *     identity from another source or to another record of this one
     */
    @Transactional
    public ImportOutcome importFrom(String source, IdentityDraft draft, String actor) {
        Optional<Identity> linked = linkedIdentity(source, draft);
        if (linked.isPresent()) {
            Identity before = linked.get();
            return replace(before.id(), draft, null, actor).version() == before.version()
                    ? ImportOutcome.UNCHANGED : ImportOutcome.UPDATED;
        }
        requireNameFree(source, draft);
        create(draft, source, actor);
        return ImportOutcome.CREATED;
    }

    /**
     * What {@link #importFrom} would do with the record, without doing it: how reconciliation
     * finds what change polling missed.
     *
     * @throws IdentityRejectedException when importing it would be refused
     */
    @Transactional(readOnly = true)
    public ImportOutcome previewImport(String source, IdentityDraft draft) {
        Optional<Identity> linked = linkedIdentity(source, draft);
        if (linked.isPresent()) {
            IdentityDraft checked = rules.check(draft);
            return checked.equals(linked.get().attributes()) ? ImportOutcome.UNCHANGED
                    : ImportOutcome.UPDATED;
        }
        requireNameFree(source, draft);
        rules.check(draft);
        return ImportOutcome.CREATED;
    }

    /**
     * Queues a change again for the apps, as reconciliation does when an app drifted from the
     * identity: JOIN to bring back what is missing or disabled, LEAVE to shut what is still open.
     */
    @Transactional
    public void requeue(String id, Kind kind, String actor, String reason) {
        Identity identity = store.findIncludingDeleted(id).orElseThrow(
                () -> new IdentityRejectedException(NOT_FOUND, "no user " + id));
        changes.enqueue(id, kind, identity.attributes(), false);
        record("identity.reconcile", actor, identity.userName(),
                Map.of("change", kind.name(), "reason", reason));
    }

    private Optional<Identity> linkedIdentity(String source, IdentityDraft draft) {
        return draft.externalId() == null ? Optional.empty()
                : store.findFromSource(source, draft.externalId());
    }

    private void requireNameFree(String source, IdentityDraft draft) {
        Optional<Identity> sameName = store.findByUserName(draft.userName())
                .filter(identity -> identity.status() != Identity.Status.DELETED);
        if (sameName.isPresent()) {
            Identity other = sameName.get();
            throw new IdentityRejectedException(UNIQUENESS, "userName " + draft.userName()
                    + " already belongs to " + (source.equals(other.source())
                            ? "another " + source + " record (" + other.attributes().externalId() + ")"
                            : "an identity from " + other.source()));
        }
    }

    /**
     * Replaces a person's attributes (SCIM PUT, a Syncope update).
     *
     * @param expectedVersion the version the caller last saw, or null not to check
     * @throws IdentityRejectedException when the person is unknown, a rule is broken, the new
     *     user name is taken, or the version does not match
     */
    @Transactional
    public Identity replace(String id, IdentityDraft draft, Long expectedVersion, String actor) {
        Identity before = store.find(id).orElseThrow(() -> new IdentityRejectedException(NOT_FOUND,
                "no user " + id));
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw new IdentityRejectedException(VERSION_MISMATCH, "user " + before.userName()
                    + " changed since version " + expectedVersion + " (now " + before.version() + ")");
        }
        IdentityDraft checked = rules.check(draft);
        if (!checked.userName().equals(before.userName())
                && store.findByUserName(checked.userName()).isPresent()) {
            throw new IdentityRejectedException(UNIQUENESS,
                    "userName " + checked.userName() + " is already taken");
        }
        if (checked.equals(before.attributes())) {
            return before;
        }
        Identity.Status status = checked.active() ? Identity.Status.ACTIVE : Identity.Status.INACTIVE;
        store.update(id, status, checked);
        Kind kind = kindOf(before.active(), checked.active());
        changes.enqueue(id, kind, checked,
                rules.reducesAccess(before.attributes(), checked));
        IdentityDraft was = before.attributes();
        if (kind == Kind.JOIN) {
            events.publish(joined(checked), actor);
        } else if (kind == Kind.LEAVE) {
            events.publish(new IdentityEvents.Left(checked.userName(), checked.departments()),
                    actor);
        } else if (!was.departments().equals(checked.departments())
                || !was.roles().equals(checked.roles())
                || !Objects.equals(was.clearance(), checked.clearance())) {
            // A new phone number is no move: routes hear of what changes someone's place.
            events.publish(new IdentityEvents.Moved(checked.userName(), was.departments(),
                    checked.departments(), checked.roles(), checked.clearance()), actor);
        }
        record(kind == Kind.LEAVE ? "identity.leave" : kind == Kind.JOIN ? "identity.rejoin"
                : "identity.update", actor, checked.userName(), Map.of("status", status.name()));
        return store.find(id).orElseThrow();
    }

    /**
     * Removes a person (SCIM DELETE): every account is disabled; the record is kept, hidden, for
     * the audit trail and reconciliation.
     *
     * @throws IdentityRejectedException when the person is unknown
     */
    @Transactional
    public void delete(String id, String actor) {
        Identity before = store.find(id).orElseThrow(() -> new IdentityRejectedException(NOT_FOUND,
                "no user " + id));
        IdentityDraft inactive = before.attributes().withActive(false);
        store.update(id, Identity.Status.DELETED, inactive);
        if (before.active()) {
            changes.enqueue(id, Kind.LEAVE, inactive, true);
            events.publish(new IdentityEvents.Left(inactive.userName(), inactive.departments()),
                    actor);
        }
        record("identity.delete", actor, before.userName(), Map.of());
    }

    private static IdentityEvents.Joined joined(IdentityDraft person) {
        String name = person.displayNameZh() != null && !person.displayNameZh().isBlank()
                ? person.displayNameZh() : person.displayNameEn() != null
                        && !person.displayNameEn().isBlank() ? person.displayNameEn()
                        : person.userName();
        return new IdentityEvents.Joined(person.userName(), name, person.departments(),
                person.roles(), person.clearance());
    }

    private static Kind kindOf(boolean wasActive, boolean isActive) {
        if (wasActive && !isActive) {
            return Kind.LEAVE;
        }
        return !wasActive && isActive ? Kind.JOIN : Kind.MOVE;
    }

    private void record(String action, String actor, String userName, Map<String, String> details) {
        audit.record(AuditEvent.of(action, "iam")
                .actor(Objects.requireNonNull(actor, "actor"), actor)
                .target("identity", userName)
                .details(details)
                .build());
    }
}
