package org.agencyworkspace.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.access.Placements;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.files.shares.SharePolicy;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;

/**
 * The file services over a fresh in-memory database, the shipped levels and a given store, for
 * unit tests; events a service publishes are dropped (the tests call what listens directly).
 */
public final class FilesFixture {

    public final TestDatabase database = new TestDatabase();
    public final RecordingAuditTrail audit = new RecordingAuditTrail();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    public final ClassificationScheme scheme;
    public final AccessPolicy policy;
    public final LabelRecords records = new LabelRecords(database.jdbc(),
            new ObjectMapper().registerModule(new JavaTimeModule()), clock);
    public final FileLabels labels;
    public final RecordingEventPublisher domainEvents = new RecordingEventPublisher();
    private final FileStore store;

    public FilesFixture(FileStore store) {
        this(store, false);
    }

    /** With {@code nationalSecretsAccepted}, every shipped level may be stored. */
    public FilesFixture(FileStore store, boolean nationalSecretsAccepted) {
        this.store = store;
        scheme = DefaultLevels.scheme(nationalSecretsAccepted);
        policy = new AccessPolicy(scheme);
        labels = new FileLabels(store, records, scheme, policy, audit, domainEvents, clock);
    }

    /** Where items land, judged with the shares rule over {@code directory}. */
    public Placements placements(StaffDirectory directory) {
        return placements(directory, true);
    }

    /** The same, over a store with or without a sharing API. */
    public Placements placements(StaffDirectory directory, boolean storeShares) {
        return new Placements(store, labels, scheme, policy, new SharePolicy(policy, directory), audit, storeShares);
    }

    /** The files settings as shipped, with bundles of at most {@code maxBundleFiles} files. */
    public static FilesProperties properties(int maxBundleFiles) {
        return new FilesProperties(new FilesProperties.ShareGuard(true, Duration.ofMinutes(15)),
                new FilesProperties.Bundle(maxBundleFiles),
                new FilesProperties.LabelReview(true, Duration.ofHours(1)),
                new FilesProperties.Versions(20));
    }
}
