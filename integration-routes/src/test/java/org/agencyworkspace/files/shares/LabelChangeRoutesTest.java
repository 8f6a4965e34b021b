package org.agencyworkspace.files.shares;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.labels.FileLabelRoutes;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.deadletter.DeadLetter;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.deadletter.RetryProperties;
import org.agencyworkspace.platform.events.EventTestBed;
import org.agencyworkspace.platform.events.WorkspaceEventComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What follows a label change, on a real Camel context and event log: the published
 * {@code file.labelled}/{@code file.relabelled} event makes the store show the label and the share
 * guard check that file at once; other file events do neither; a store that keeps refusing leaves
 * the event in the dead-letter store for that route alone.
 */
class LabelChangeRoutesTest {

    private final EventTestBed bed = new EventTestBed();
    private final CamelContext camel = new DefaultCamelContext();
    private SharingFixture sharing;
    private FileLabels labels;

    @BeforeEach
    void start(@TempDir Path folder) throws Exception {
        sharing = new SharingFixture(folder);
        labels = new FileLabels(sharing.store, sharing.files.records, sharing.files.scheme,
                sharing.files.policy, sharing.files.audit, bed.events, sharing.files.clock);
        ShareGuard guard = new ShareGuard(sharing.store, labels, sharing.files.records,
                sharing.policy, sharing.files.scheme, sharing.files.audit, message -> "sent");
        camel.addComponent(WorkspaceEventComponent.SCHEME, bed.component);
        camel.addRoutes(new ErrorHandlingRoutes(new RetryProperties(1, Duration.ofMillis(1), 1.0,
                Duration.ofMillis(1)), bed.recorder));
        camel.addRoutes(new FileLabelRoutes(labels));
        camel.addRoutes(new ShareGuardRoutes(guard, FilesFixture.properties(200)));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aNewLabelIsShownInTheStoreAndTheFilesForbiddenSharesRemovedWithoutWaitingForTheScan() {
        StoredFile file = sharing.file("/人事室/名冊.pdf");
        sharing.store.share(file, new FileShare("1", FileShare.Type.PUBLIC_LINK, null, "amy", null));
        sharing.store.share(file, new FileShare("2", FileShare.Type.USER, "cat", "amy", null));

        labels.label(file, SharingFixture.secretLabel(), SharingFixture.AMY);
        assertThat(sharing.store.shownLabels).as("nothing happens before the event is dispatched")
                .isEmpty();
        bed.dispatchAll();

        assertThat(sharing.store.shownLabels).containsExactly("/人事室/名冊.pdf secret");
        assertThat(sharing.store.sharesOf(file.path())).extracting(FileShare::id)
                .containsExactly("2");
        assertThat(bed.log.undispatched(10)).isEmpty();
        assertThat(bed.deadLetters.list(DeadLetter.Status.OPEN, 10)).isEmpty();
    }

    @Test
    void otherFileEventsAreLeftAlone() {
        bed.events.publish(new org.agencyworkspace.files.FileEvents.Downloaded("/人事室/名冊.pdf",
                "secret", "download", "amy", 1), "amy");
        bed.dispatchAll();

        assertThat(sharing.store.shownLabels).isEmpty();
        assertThat(bed.deadLetters.list(DeadLetter.Status.OPEN, 10)).isEmpty();
    }

    @Test
    void aStoreThatKeepsRefusingDeadLettersTheShowingAloneAndTheGuardStillRuns() {
        StoredFile file = sharing.file("/人事室/名冊.pdf");
        sharing.store.share(file, new FileShare("1", FileShare.Type.PUBLIC_LINK, null, "amy", null));
        sharing.store.refuseShowingLabels = true;

        labels.label(file, SharingFixture.secretLabel(), SharingFixture.AMY);
        bed.dispatchAll();

        List<DeadLetter> dead = bed.deadLetters.list(DeadLetter.Status.OPEN, 10);
        assertThat(dead).singleElement().satisfies(letter ->
                assertThat(letter.routeId()).isEqualTo(FileLabels.SHOW_ROUTE_ID));
        assertThat(sharing.store.sharesOf(file.path())).as("the guard is a separate subscriber")
                .isEmpty();
    }
}
