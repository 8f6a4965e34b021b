package org.agencyworkspace.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md is what the code publishes: this test fails when a payload changed and the
 * catalogue was not regenerated (run it with {@code -Devents.catalogue.write=true} to do so).
 */
class EventCatalogueTest {

    private static final Path CATALOGUE = Path.of("..", "docs", "events.md");

    @Test
    void theCatalogueInDocsIsGeneratedFromThePayloads() throws Exception {
        String generated = EventCatalogue.scan().markdown();
        if (Boolean.getBoolean("events.catalogue.write")) {
            Files.writeString(CATALOGUE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CATALOGUE, StandardCharsets.UTF_8))
                .as("docs/events.md is out of date; regenerate it (see its first comment)")
                .isEqualTo(generated);
    }

    @Test
    void everyEventTheIssueNamesIsPublishable() {
        assertThat(EventCatalogue.scan().names()).contains("identity.joined", "identity.moved",
                "identity.left", "file.labelled", "file.relabelled", "file.shared",
                "file.downloaded", "approval.requested", "approval.decided", "incident.raised");
    }

    @Test
    void aPayloadWithAnUndescribedFieldIsRejected() {
        @EventType(name = "test.bare", summary = "bare")
        record Bare(String undocumented) implements DomainEvent {
        }
        assertThatThrownBy(() -> EventCatalogue.of(List.of(Bare.class)))
                .hasMessageContaining("undocumented").hasMessageContaining("@EventField");
    }

    @Test
    void twoPayloadsWithOneNameAreRejected() {
        @EventType(name = "test.same", summary = "one")
        record One(@EventField("x") String x) implements DomainEvent {
        }
        @EventType(name = "test.same", summary = "two")
        record Two(@EventField("x") String x) implements DomainEvent {
        }
        assertThatThrownBy(() -> EventCatalogue.of(List.of(One.class, Two.class)))
                .hasMessageContaining("test.same");
    }
}
