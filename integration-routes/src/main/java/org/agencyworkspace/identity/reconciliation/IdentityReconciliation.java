package org.agencyworkspace.identity.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.identity.IdentityService;
import org.agencyworkspace.identity.IdentityStore;
import org.agencyworkspace.identity.provisioning.IdentityTarget;
import org.agencyworkspace.identity.provisioning.IdentityTarget.Account;
import org.agencyworkspace.identity.provisioning.IdentityTargets;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Compares the identities with every app and pulling source and repairs the drift: sources
 * first (a change polling missed, a record deleted at the source), then each app's accounts. A
 * missing or disabled account of an active person, and an enabled account of someone who left,
 * are repaired by queueing the person's JOIN or LEAVE again, so the repair runs through the same
 * ordered, retried, audited provisioning as any change. Accounts no identity knows are reported
 * and only disabled when the operator has said so, because such an account may be a break-glass
 * administrator. People with changes still being applied are left to those changes.
 */
@Service
public class IdentityReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityReconciliation.class);

    private final IdentityStore store;
    private final IdentityChanges changes;
    private final IdentityService identities;
    private final IdentityTargets targets;
    private final ObjectProvider<ReconciledSource> sources;
    private final ReconciliationRuns runs;
    private final AuditTrail audit;
    private final IdentityProperties.Reconciliation settings;
    private final Clock clock;

    public IdentityReconciliation(IdentityStore store, IdentityChanges changes,
            IdentityService identities, IdentityTargets targets,
            ObjectProvider<ReconciledSource> sources, ReconciliationRuns runs, AuditTrail audit,
            IdentityProperties properties, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.identities = identities;
        this.targets = targets;
        this.sources = sources;
        this.runs = runs;
        this.audit = audit;
        this.settings = properties.reconciliation();
        this.clock = clock;
    }

    /**
     * Runs one reconciliation and keeps its report.
     *
     * @param dryRun only report, change nothing
     * @param requestedBy {@code schedule} or the operator, for the report and the audit trail
     */
    public synchronized ReconciliationReport reconcile(boolean dryRun, String requestedBy) {
        Instant started = clock.instant();
        Map<String, Integer> compared = new LinkedHashMap<>();
        List<Drift> drift = new ArrayList<>();
        for (ReconciledSource source : sources.orderedStream().toList()) {
            ReconciledSource.Comparison comparison = source.reconcile(!dryRun);
            compared.put(source.name(), comparison.records());
            drift.addAll(comparison.drift());
        }
        List<Identity> everyone = store.allIncludingDeleted();
        Set<String> inFlight = changes.identitiesWithPending();
        Map<Identity, Requeue> repairs = new LinkedHashMap<>();
        for (IdentityTarget target : targets.all()) {
            List<Account> accounts;
            try {
                accounts = target.accounts();
            } catch (ConnectorException e) {
                drift.add(new Drift(target.name(), null, Drift.Kind.UNREACHABLE,
                        "could not list accounts: " + e.getMessage(), Drift.Repair.LEFT_ALONE));
                continue;
            }
            compared.put(target.name(), accounts.size());
            drift.addAll(compare(target, accounts, everyone, inFlight, dryRun, repairs));
        }
        repairs.forEach((identity, requeue) -> identities.requeue(identity.id(), requeue.kind(),
                actor(requestedBy), "drift in " + String.join(", ", requeue.apps())));

        ReconciliationReport report = new ReconciliationReport(UUID.randomUUID().toString(),
                started, clock.instant(), dryRun, requestedBy, compared, drift);
        runs.save(report);
        audit.record(AuditEvent.of("identity.reconcile", "iam")
                .actor(actor(requestedBy), requestedBy)
                .target("reconciliation", report.id())
                .details(Map.of("dryRun", Boolean.toString(dryRun),
                        "drift", Integer.toString(drift.size()),
                        "repaired", Long.toString(report.repairedCount())))
                .build());
        if (drift.isEmpty()) {
            LOG.info("Reconciliation {}: no drift", report.id());
        } else {
            LOG.warn("Reconciliation {}: {} drift, {} repaired{}", report.id(), drift.size(),
                    report.repairedCount(), dryRun ? " (dry run)" : "");
        }
        return report;
    }

    /** The drift of one app; the people to requeue are added to {@code repairs}. */
    private List<Drift> compare(IdentityTarget target, List<Account> accounts,
            List<Identity> everyone, Set<String> inFlight, boolean dryRun,
            Map<Identity, Requeue> repairs) {
        Map<String, Account> byName = new HashMap<>();
        accounts.forEach(account -> byName.put(account.userName(), account));
        List<Drift> drift = new ArrayList<>();
        for (Identity identity : everyone) {
            Account account = byName.remove(identity.userName());
            Optional<Drift> found = driftOf(target.name(), identity, account);
            if (found.isEmpty()) {
                continue;
            }
            Drift item = found.get();
            if (inFlight.contains(identity.id())) {
                drift.add(item.withRepair(Drift.Repair.IN_FLIGHT, null));
            } else if (dryRun) {
                drift.add(item);
            } else {
                Kind kind = identity.active() ? Kind.JOIN : Kind.LEAVE;
                repairs.computeIfAbsent(identity, person -> new Requeue(kind, new TreeSet<>()))
                        .apps().add(target.name());
                drift.add(item.withRepair(Drift.Repair.REPAIRED, kind + " queued"));
            }
        }
        if (target.extraAccountsAreDrift()) {
            byName.values().stream()
                    .filter(Account::enabled)
                    .filter(account -> !settings.ignoredAccounts().contains(account.userName()))
                    .map(account -> extra(target, account, dryRun))
                    .forEach(drift::add);
        }
        return drift;
    }

    private static Optional<Drift> driftOf(String where, Identity identity, Account account) {
        Drift.Repair unrepaired = Drift.Repair.REPORTED;
        if (identity.active() && account == null) {
            return Optional.of(new Drift(where, identity.userName(), Drift.Kind.MISSING,
                    "active person has no account", unrepaired));
        }
        if (identity.active() && !account.enabled()) {
            return Optional.of(new Drift(where, identity.userName(), Drift.Kind.DISABLED,
                    "active person's account is disabled", unrepaired));
        }
        if (!identity.active() && account != null && account.enabled()) {
            return Optional.of(new Drift(where, identity.userName(), Drift.Kind.STILL_ACTIVE,
                    "person is " + identity.status().name().toLowerCase(Locale.ROOT)
                            + " but the account is enabled", unrepaired));
        }
        return Optional.empty();
    }

    private Drift extra(IdentityTarget target, Account account, boolean dryRun) {
        Drift item = new Drift(target.name(), account.userName(), Drift.Kind.EXTRA,
                "enabled account that no identity knows", Drift.Repair.REPORTED);
        if (dryRun) {
            return item;
        }
        if (!settings.disableExtraAccounts()) {
            return item.withRepair(Drift.Repair.LEFT_ALONE,
                    "disable-extra-accounts is off; add it to ignored-accounts if it is meant to be");
        }
        try {
            target.disableAccount(account.userName());
            audit.record(AuditEvent.of("identity.reconcile", "iam")
                    .actor("reconciliation", "reconciliation")
                    .target("account", target.name() + ":" + account.userName())
                    .details(Map.of("change", "disable-extra-account"))
                    .build());
            return item.withRepair(Drift.Repair.REPAIRED, "disabled");
        } catch (ConnectorException e) {
            return item.withRepair(Drift.Repair.FAILED, e.getMessage());
        }
    }

    /** A person's change to queue again, and the apps that drifted. */
    private record Requeue(Kind kind, Set<String> apps) {
    }

    private static String actor(String requestedBy) {
        return "reconciliation:" + requestedBy;
    }
}
