package org.agencyworkspace.identity.syncope;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agencyworkspace.config.SyncopeProperties;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.syncope.Fiql;
import org.agencyworkspace.connector.syncope.SearchQuery;
import org.agencyworkspace.connector.syncope.SyncopeConnector;
import org.agencyworkspace.connector.syncope.SyncopePage;
import org.agencyworkspace.connector.syncope.SyncopeUser;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.identity.IdentityRejectedException;
import org.agencyworkspace.identity.IdentityService;
import org.agencyworkspace.identity.IdentityService.ImportOutcome;
import org.agencyworkspace.identity.IdentityStore;
import org.agencyworkspace.identity.reconciliation.Drift;
import org.agencyworkspace.identity.reconciliation.ReconciledSource;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetter;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncope as a source of identities: hands the poll route ({@link SyncopeSourceRoutes}) the users
 * changed since the persisted cursor, page by page, and imports each one the route passes to its
 * import route, so a record the workspace refuses (no e-mail, a bad user name, an unknown
 * department) is set aside in the dead-letter store with its reason and key, and every other
 * record still comes in. The cursor moves past a page once all its users are imported or set
 * aside, so polling resumes there, also after a restart.
 *
 * <p>Syncope's search filters dates to the second and pages by offset. The walk therefore always
 * asks for page 1 from the cursor's second and skips what it has taken ({@code lastChangeDate},
 * then user name, as the query orders them), so a user changing during the walk moves behind the
 * cursor instead of shifting a page under it. Syncope deletions are not in a change feed at all:
 * reconciliation finds them.
 */
public class SyncopeIdentitySource implements ReconciledSource, ChangeFeed {

    /** The identity source name stored with each identity, and the audit actor. */
    public static final String SOURCE = "syncope";
    /** This source's name in the cursor store. */
    static final String CURSOR = "identity-source:" + SOURCE;
    /** Polls once; the timer and an operator asking for a poll queue here, one walk at a time. */
    public static final String POLL_ENDPOINT = "seda:syncope-poll";
    /** Imports one user; body: the Syncope key. Replaying reads the user again. */
    public static final String IMPORT_ROUTE_ID = "syncope-import";
    public static final String IMPORT_ENDPOINT = "direct:syncope-import";
    /** The polled user, so the import need not read it again; absent on replay. */
    public static final String USER_HEADER = "syncopeUser";

    private static final Logger LOG = LoggerFactory.getLogger(SyncopeIdentitySource.class);
    private static final String RECONCILIATION = "reconciliation";
    private static final String CHANGE_ORDER = "lastChangeDate ASC, username ASC";

    private final SyncopeConnector syncope;
    private final SyncopeProperties properties;
    private final SyncopeIdentityMapper mapper;
    private final IdentityService identities;
    private final IdentityStore store;
    private final AuditCursors cursors;
    private final DeadLetterStore deadLetters;
    private final AuditTrail audit;

    SyncopeIdentitySource(SyncopeConnector syncope, SyncopeProperties properties,
            IdentityProperties identityProperties, IdentityService identities, IdentityStore store,
            AuditCursors cursors, DeadLetterStore deadLetters, AuditTrail audit) {
        this.syncope = syncope;
        this.properties = properties;
        this.mapper = new SyncopeIdentityMapper(identityProperties.roles(),
                properties.inactiveEmploymentStatuses());
        this.identities = identities;
        this.store = store;
        this.cursors = cursors;
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    /**
     * The users after the cursor on page {@code number} of the query from the cursor's second.
     * Syncope filters dates to the second, so the walk skips what it has taken ({@code
     * lastChangeDate}, then user name, as the query orders them).
     */
    @Override
    public ChangedPage changedPage(int number) {
        SourceCursor cursor = SourceCursor.stored(cursors.get(CURSOR));
        SyncopePage<SyncopeUser> result = syncope.searchUsers(changedSince(cursor, number));
        List<SyncopeUser> after = result.items().stream()
                .filter(user -> positionOf(user)
                        .map(position -> cursor == null || position.compareTo(cursor) > 0)
                        .orElse(true))
                .toList();
        return new ChangedPage(number, after, result.next().isPresent());
    }

    /**
     * Moves the cursor to the page's last user. The query starts at the cursor's second: after
     * moving, page 1 again; when nothing on the page lay after the cursor (many users changed in
     * one second), the page after it.
     */
    @Override
    public int advance(ChangedPage page) {
        Optional<SourceCursor> last = page.users().stream().map(SyncopeIdentitySource::positionOf)
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
        last.ifPresent(position -> cursors.set(CURSOR, position.toStored()));
        if (!page.users().isEmpty()) {
            LOG.info("Syncope poll took {} changed users", page.users().size());
        }
        if (!page.more()) {
            return 0;
        }
        return last.isPresent() ? 1 : page.number() + 1;
    }

    /**
     * Imports one Syncope user: the import route's work. A user no longer in Syncope leaves.
     * Success closes any dead letter still open for the same user.
     *
     * @param key the Syncope key
     * @param polled the user as the poll read it, or null to read it now (a replay)
     * @throws IdentityRejectedException naming the Syncope user and key when the workspace
     *     refuses the record
     */
    public ImportOutcome importUser(String key, SyncopeUser polled) {
        SyncopeUser user = polled != null ? polled : syncope.findUser(key).orElse(null);
        ImportOutcome outcome;
        if (user == null) {
            outcome = removeDeleted(key);
        } else {
            IdentityDraft draft = mapper.toDraft(user);
            try {
                outcome = identities.importFrom(SOURCE, draft, SOURCE);
            } catch (IdentityRejectedException e) {
                throw new IdentityRejectedException(e.reason(), "Syncope user " + user.username()
                        + " (key " + key + ") refused: " + e.getMessage());
            }
        }
        deadLetters.resolveOpen(IMPORT_ROUTE_ID, key, DeadLetter.Status.REPLAYED, SOURCE);
        return outcome;
    }

    /**
     * Removes the identity linked to a Syncope user that no longer exists (the user was deleted
     * in Syncope); an unknown key is recorded and otherwise ignored.
     */
    ImportOutcome removeDeleted(String key) {
        Optional<Identity> linked = store.findFromSource(SOURCE, key);
        if (linked.isEmpty()) {
            audit.record(AuditEvent.of("identity.delete", "iam")
                    .actor(SOURCE, SOURCE)
                    .failure("no identity linked to Syncope key " + key)
                    .target("syncope-user", key)
                    .details(Map.of())
                    .build());
            return ImportOutcome.UNCHANGED;
        }
        identities.delete(linked.get().id(), SOURCE);
        return ImportOutcome.UPDATED;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    /**
     * Compares every user in the agency's realm with its identity: a user polling missed is
     * imported, and an identity whose user is gone leaves. Offset paging may skip a user that
     * moves during the walk, so an identity is only taken as deleted once Syncope confirms it
     * has no such user in the realm.
     */
    @Override
    public Comparison reconcile(boolean repair) {
        List<Drift> drift = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            syncope.allUsers(SearchQuery.all().inRealm(properties.realm(), true)
                            .withSize(properties.pageSize()))
                    .forEach(user -> {
                        seen.add(user.key());
                        compare(user, repair).ifPresent(drift::add);
                    });
            for (Identity identity : store.all()) {
                String key = identity.attributes().externalId();
                if (SOURCE.equals(identity.source()) && !seen.contains(key) && !inRealm(key)) {
                    Drift gone = new Drift(SOURCE, identity.userName(), Drift.Kind.SOURCE_DELETED,
                            "Syncope has no user " + key + " in " + properties.realm(),
                            Drift.Repair.REPORTED);
                    if (repair) {
                        identities.delete(identity.id(), RECONCILIATION);
                        gone = gone.withRepair(Drift.Repair.REPAIRED, "removed, accounts disabled");
                    }
                    drift.add(gone);
                }
            }
        } catch (ConnectorException e) {
            drift.add(new Drift(SOURCE, null, Drift.Kind.UNREACHABLE,
                    "could not read users: " + e.getMessage(), Drift.Repair.LEFT_ALONE));
        }
        return new Comparison(seen.size(), drift);
    }

    private Optional<Drift> compare(SyncopeUser user, boolean repair) {
        IdentityDraft draft = mapper.toDraft(user);
        ImportOutcome outcome;
        try {
            outcome = identities.previewImport(SOURCE, draft);
        } catch (IdentityRejectedException e) {
            return Optional.of(new Drift(SOURCE, user.username(), Drift.Kind.SOURCE_REFUSED,
                    "key " + user.key() + ": " + e.getMessage(), Drift.Repair.LEFT_ALONE));
        }
        if (outcome == ImportOutcome.UNCHANGED) {
            return Optional.empty();
        }
        Drift missed = new Drift(SOURCE, user.username(), Drift.Kind.SOURCE_CHANGED,
                outcome == ImportOutcome.CREATED ? "user not imported" : "identity differs from the user",
                Drift.Repair.REPORTED);
        if (!repair) {
            return Optional.of(missed);
        }
        identities.importFrom(SOURCE, draft, RECONCILIATION);
        return Optional.of(missed.withRepair(Drift.Repair.REPAIRED,
                outcome == ImportOutcome.CREATED ? "imported" : "updated"));
    }

    private boolean inRealm(String key) {
        return key != null && syncope.findUser(key)
                .map(user -> user.realm() != null && (properties.realm().equals("/")
                        || user.realm().equals(properties.realm())
                        || user.realm().startsWith(properties.realm() + "/")))
                .orElse(false);
    }

    private SearchQuery changedSince(SourceCursor cursor, int page) {
        SearchQuery query = cursor == null ? SearchQuery.all()
                : SearchQuery.where(Fiql.changedSince(cursor.changedAt()));
        return query.inRealm(properties.realm(), true)
                .withSize(properties.pageSize())
                .orderedBy(CHANGE_ORDER)
                .withPage(page);
    }

    /** Where a user lies in the change order; empty when Syncope gave it no dates at all. */
    private static Optional<SourceCursor> positionOf(SyncopeUser user) {
        Instant changed = user.lastChangeDate() != null ? user.lastChangeDate() : user.creationDate();
        return changed == null ? Optional.empty()
                : Optional.of(new SourceCursor(changed, user.username()));
    }
}
