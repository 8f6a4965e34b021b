package org.agencyworkspace.officialdocs.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Urgency;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.officialdocs.flow.DocumentKind;
import org.agencyworkspace.officialdocs.flow.OfficialDocuments;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Dispatch of a letter the 簽辦 flow approved: what the package carries comes from the approved
 * document itself, and only a registry clerk cleared for its level sends it; a memo never leaves.
 */
class ExchangeDeskApprovedTest {

    static final WorkspaceUser CLERK = new WorkspaceUser("gina", "Gina", List.of("staff"),
            List.of("general-affairs"), "secret");
    static final WorkspaceUser UNCLEARED_CLERK = new WorkspaceUser("hank", "Hank", List.of("staff"),
            List.of("general-affairs"), "unmarked");
    static final WorkspaceUser DRAFTER = new WorkspaceUser("alice", "Alice", List.of("staff"), List.of("it"),
            "secret");

    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final ExchangeDispatch dispatch = mock(ExchangeDispatch.class);
    final OfficialDocuments documents = mock(OfficialDocuments.class);
    final ExchangeDesk desk;

    ExchangeDeskApprovedTest() {
        ExchangeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "workspace.exchange.code", "A01")))
                .bindOrCreate("workspace.exchange", ExchangeProperties.class);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("documents", documents);
        desk = new ExchangeDesk(dispatch, mock(ExchangeInbox.class), properties, mock(FileStore.class),
                mock(FileLabels.class), new AccessPolicy(DefaultLevels.scheme(false)), DefaultLevels.scheme(false),
                audit, beans.getBeanProvider(OfficialDocuments.class));
    }

    OfficialDocuments.FinalDocument approved(DocumentKind kind, String level) {
        return new OfficialDocuments.FinalDocument(7, "府資字第1150000007號", kind, "資安演練",
                org.agencyworkspace.officialdocs.flow.Urgency.NORMAL, level, "數位發展部",
                Instant.parse("2026-12-07T17:30:00Z"), "%PDF signed".getBytes(StandardCharsets.UTF_8),
                List.of(new OfficialDocuments.FinalAttachment("附件一.pdf", "unmarked", "aa", new byte[] {1}),
                        new OfficialDocuments.FinalAttachment("附件二.xlsx", "unmarked", "bb", new byte[] {2})));
    }

    @Test
    void anApprovedLetterGoesOutAsApprovedWithTheRecipientsTheClerkNames() {
        when(documents.finalDocument(7)).thenReturn(approved(DocumentKind.LETTER, "secret"));
        when(dispatch.dispatch(any(), any())).thenReturn("dispatch-1");

        assertThat(desk.dispatchApproved(7, List.of("B02"), CLERK)).isEqualTo("dispatch-1");

        ArgumentCaptor<OutgoingDocument> sent = ArgumentCaptor.forClass(OutgoingDocument.class);
        verify(dispatch).dispatch(sent.capture(), any());
        OutgoingDocument document = sent.getValue();
        assertThat(new String(document.pdf(), StandardCharsets.UTF_8)).isEqualTo("%PDF signed");
        assertThat(document.documentName()).isEqualTo("府資字第1150000007號.pdf");
        assertThat(document.attachments()).containsOnlyKeys("附件一.pdf", "附件二.xlsx");
        assertThat(document.attachments().keySet()).containsExactly("附件一.pdf", "附件二.xlsx");
        assertThat(document.documentNumber()).isEqualTo("府資字第1150000007號");
        assertThat(document.date()).as("the approval day in the agency's zone").isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(document.urgency()).isEqualTo(Urgency.ORDINARY);
        assertThat(document.level()).isEqualTo("secret");
        assertThat(document.recipients()).containsExactly("B02");
        assertThat(document.subject()).isEqualTo("資安演練");
    }

    @Test
    void aMemoAClerkBelowItsLevelAndSomeoneNotAClerkAreRefusedAndAudited() {
        when(documents.finalDocument(7)).thenReturn(approved(DocumentKind.SIGN, "unmarked"));
        assertThatThrownBy(() -> desk.dispatchApproved(7, List.of("B02"), CLERK))
                .isInstanceOfSatisfying(RefusedException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(RefusedException.Kind.CONFLICT));

        when(documents.finalDocument(7)).thenReturn(approved(DocumentKind.LETTER, "secret"));
        assertThatThrownBy(() -> desk.dispatchApproved(7, List.of("B02"), UNCLEARED_CLERK))
                .isInstanceOfSatisfying(RefusedException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> desk.dispatchApproved(7, List.of("B02"), DRAFTER))
                .isInstanceOfSatisfying(RefusedException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN));

        verify(dispatch, never()).dispatch(any(), any());
        assertThat(audit.events()).hasSize(3).allSatisfy(event -> {
            assertThat(event.action()).isEqualTo("exchange.dispatch");
            assertThat(event.outcome().name()).isEqualTo("FAILURE");
        });
    }

    @Test
    void aDocumentNotApprovedIsRefusedAsTheFlowSaysAndAudited() {
        when(documents.finalDocument(8)).thenThrow(new org.agencyworkspace.officialdocs.flow.DocumentRefusedException(
                org.agencyworkspace.officialdocs.flow.DocumentRefusedException.Reason.WRONG_STATE,
                "document 8 is IN_REVIEW, not approved"));

        assertThatThrownBy(() -> desk.dispatchApproved(8, List.of("B02"), CLERK))
                .isInstanceOfSatisfying(RefusedException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(RefusedException.Kind.CONFLICT));
        verify(dispatch, never()).dispatch(any(), any());
        assertThat(audit.events()).singleElement().satisfies(event ->
                assertThat(event.reason()).contains("not approved"));
    }

    @Test
    void aDocumentNumberBecomesAPlainFileName() {
        assertThat(ExchangeDesk.fileName("府/資\\字:第1號")).isEqualTo("府_資_字_第1號.pdf");
    }
}
