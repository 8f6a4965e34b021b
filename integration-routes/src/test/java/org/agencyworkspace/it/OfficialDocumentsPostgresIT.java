package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.officialdocs.AgencyAuthority;
import org.agencyworkspace.officialdocs.SigningSetup;
import org.agencyworkspace.officialdocs.flow.DocumentKind;
import org.agencyworkspace.officialdocs.flow.DocumentRefusedException;
import org.agencyworkspace.officialdocs.flow.OfficialDocumentRegister;
import org.agencyworkspace.officialdocs.flow.OfficialDocuments;
import org.agencyworkspace.officialdocs.flow.Urgency;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The 簽辦 flow's queries and locks on a real PostgreSQL (schema of its own, dropped afterwards),
 * through the service (its step-up rule satisfied: there is no person's request here): a memo drafted, returned, revised, reviewed and decided with PAdES
 * signatures whose certificates the running agency CA issued; the register and the queue.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OfficialDocumentsPostgresIT {

    static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
    private static final int PORT = freePort();
    private static final String PASSPHRASE = "postgres flow passphrase";

    @TempDir
    static Path base;

    @Autowired
    OfficialDocuments documents;
    @Autowired
    OfficialDocumentRegister register;
    @Autowired
    SigningSetup setup;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        AbstractWorkspaceIT.workspaceFolders(registry, base);
        SCHEMA.register(registry);
        registry.add("server.port", () -> PORT);
        registry.add("workspace.public-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("workspace.signing.ca-passphrase", () -> "ca passphrase for the postgres test");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DropSchemaAfterwards {
        @Bean
        SmartLifecycle dropTestSchema() {
            return SCHEMA.dropWhenStopped();
        }

        /** The service is called here without a person's request; OfficialDocumentsIT proves the step-up. */
        @Bean
        @Primary
        StepUp steppedUpForThisTest() {
            return () -> { };
        }
    }

    @Test
    void aMemoIsReturnedRevisedReviewedAndDecidedOnPostgresql() {
        WorkspaceUser alice = new WorkspaceUser("alice", "Alice Chen", List.of("staff"), List.of("general-affairs"), "secret");
        WorkspaceUser dave = new WorkspaceUser("dave", "Dave Lee", List.of("staff", "manager"),
                List.of("accounting", "general-affairs", "it"), "secret");
        WorkspaceUser bob = new WorkspaceUser("bob", "Bob Lin", List.of("staff", "admin", "agency-head"), List.of("it"),
                "unmarked");
        deposit("dave", "李建宏");

        OfficialDocuments.Document draft = documents.create(new OfficialDocuments.Draft(DocumentKind.SIGN, "unmarked",
                Urgency.URGENT, "採購簽", "一、說明。", null, List.of(), List.of()), alice);
        documents.submit(draft.id(), alice);
        assertThat(documents.queueOf(dave)).extracting(item -> item.document().id()).containsExactly(draft.id());
        documents.returnForChanges(draft.id(), "請補預算科目", dave);
        OfficialDocuments.Document revised = documents.revise(draft.id(), new OfficialDocuments.Draft(DocumentKind.SIGN,
                "unmarked", Urgency.URGENT, "採購簽（修正）", "一、說明。\n二、預算科目。", null, List.of(), List.of()), alice);
        OfficialDocuments.Document round2 = documents.submit(draft.id(), alice);
        assertThat(round2.round()).isEqualTo(2);

        assertThatThrownBy(() -> documents.sign(draft.id(), PASSPHRASE.toCharArray(), draft.pdfSha256(), dave))
                .as("the first round's bytes are not the ones waiting").isInstanceOfSatisfying(
                        DocumentRefusedException.class, refused -> assertThat(refused.reason())
                                .isEqualTo(DocumentRefusedException.Reason.DOCUMENT_CHANGED));
        OfficialDocuments.Document reviewed = documents.sign(draft.id(), PASSPHRASE.toCharArray(), revised.pdfSha256(),
                dave);
        assertThat(reviewed.status().name()).isEqualTo("DECISION");
        OfficialDocuments.Document decided = documents.sign(draft.id(), PASSPHRASE.toCharArray(), reviewed.pdfSha256(),
                dave);
        assertThat(decided.status().name()).isEqualTo("APPROVED");
        assertThat(decided.steps()).extracting(step -> step.round() + ":" + step.step() + ":" + step.status())
                .containsExactly("1:REVIEW:RETURNED", "2:REVIEW:SIGNED", "2:DECISION:SIGNED");
        assertThat(setup.validator().orElseThrow().validate(documents.finalDocument(draft.id()).pdf()).signatures())
                .hasSize(2).allSatisfy(finding -> assertThat(finding.valid()).isTrue());
        assertThat(register.csv(bob)).contains(decided.number() + ",簽,無密等,速件,採購簽（修正）,alice");
        assertThat(documents.queueOf(dave)).isEmpty();
    }

    private void deposit(String login, String name) {
        AgencyAuthority authority = setup.authority().orElseThrow();
        KeyCustody custody = new KeyCustody(new DirectoryCustodyStore(base.resolve("data").resolve("signing").resolve("custody")),
                new LockoutPolicy(5, Duration.ofMinutes(15)), new CertificateChecks(List.of(authority.certificate()),
                        Clock.systemUTC()), Clock.systemUTC());
        custody.deposit(login, authority.ca().issue(new CertificateHolder(name, "", "general-affairs", login),
                PASSPHRASE.toCharArray(), Instant.now().plus(Duration.ofDays(30))));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
