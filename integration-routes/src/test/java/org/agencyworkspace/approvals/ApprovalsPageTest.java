package org.agencyworkspace.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.security.Authorities;
import org.agencyworkspace.security.WorkspacePrincipal;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Asking for a decision from the approvals page does what the API does (a registry request, the
 * role's holders told, audited, published), a role nobody else holds is refused and audited, and
 * the requester's history and the approver's queue follow the state, kind and day filters, the
 * pilots' requests among them.
 */
class ApprovalsPageTest {

    final TestDatabase database = new TestDatabase();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final List<OutgoingMessage> sent = new ArrayList<>();
    Approvals approvals;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        accounts.create(new LocalAccount("alice", "alice", "alice", null, "{hash}", null, null, "unmarked",
                List.of("staff"), List.of("it"), true, 0, null));
        accounts.create(new LocalAccount("dave", "dave", "dave", null, "{hash}", null, null, "unmarked",
                List.of("staff", "manager"), List.of("it"), true, 0, null));
        JdbcStaffDirectory directory = new JdbcStaffDirectory(database.jdbc());
        approvals = new Approvals(database.jdbc(), directory, message -> {
            sent.add(message);
            return "m" + sent.size();
        }, events, audit, clock, URI.create("https://workspace.example"));
        IdentityProperties identity = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("workspace.identity", IdentityProperties.class);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/messages");
        messages.setDefaultEncoding("UTF-8");
        mvc = MockMvcBuilders.standaloneSetup(new ApprovalsPageController(approvals, messages, directory,
                identity, TestWorkspaceProperties.defaults(), new RequestRefusals(audit))).build();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void signIn(String login) {
        WorkspaceUser user = new WorkspaceUser(login, login, List.of("staff"), List.of("it"), "unmarked");
        WorkspacePrincipal principal = () -> user;
        TestingAuthenticationToken token = new TestingAuthenticationToken(principal, null, Authorities.WORKSPACE_USER);
        token.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(token);
    }

    @Test
    void askingFromThePageIsARegistryRequestTheApproverSees() throws Exception {
        signIn("alice");
        mvc.perform(post("/approvals/new").param("subject", "新筆電採購").param("approverRole", "manager"))
                .andExpect(redirectedUrl("/approvals")).andExpect(flash().attributeExists("notice"));

        Approval asked = approvals.requestsOf("alice", filter(null, null)).get(0);
        assertThat(asked.kind()).isEqualTo("general");
        assertThat(asked.subject()).isEqualTo("新筆電採購");
        assertThat(sent).extracting(OutgoingMessage::templateKey).containsExactly("approval.requested");
        assertThat(events.of(ApprovalEvents.Requested.class)).hasSize(1);
        assertThat(audit.actions()).containsExactly("approval.request");
        assertThat(approvals.queueOf("dave", filter(null, null))).extracting(Approval::id)
                .containsExactly(asked.id());
    }

    @Test
    void aRoleNobodyElseHoldsIsRefusedAuditedAndAsksNothing() throws Exception {
        signIn("dave");
        mvc.perform(post("/approvals/new").param("subject", "x").param("approverRole", "manager"))
                .andExpect(redirectedUrl("/approvals")).andExpect(flash().attributeExists("error"));
        mvc.perform(post("/approvals/new").param("subject", "x").param("approverRole", "auditor"))
                .andExpect(flash().attributeExists("error"));

        assertThat(approvals.requestsOf("dave", filter(null, null))).isEmpty();
        assertThat(audit.events()).hasSize(2).allSatisfy(event -> {
            assertThat(event.action()).isEqualTo("approval.request");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        });
        assertThat(sent).isEmpty();
    }

    @Test
    void historyAndQueueFollowStateKindAndDay() throws Exception {
        Approval claim = approvals.request("expense-claim", "計程車資", "/expenses/1", "alice", "manager");
        clock.advance(Duration.ofDays(2));
        Approval general = approvals.request("general", "新筆電", null, "alice", "manager");
        approvals.decide(claim.id(), "dave", true, null);

        assertThat(approvals.requestsOf("alice", filter(Approval.Status.APPROVED, null)))
                .extracting(Approval::id).containsExactly(claim.id());
        assertThat(approvals.requestsOf("alice", new Approvals.Filter(null, "general", null, null,
                TestWorkspaceProperties.defaults().timeZone()))).extracting(Approval::id).containsExactly(general.id());
        // 2026-12-07 09:00 in Taipei is the first request's day; the second is on the 9th.
        assertThat(approvals.requestsOf("alice", new Approvals.Filter(null, null,
                java.time.LocalDate.of(2026, 12, 8), null, TestWorkspaceProperties.defaults().timeZone())))
                .extracting(Approval::id).containsExactly(general.id());
        assertThat(approvals.queueOf("dave", filter(null, null))).extracting(Approval::id)
                .containsExactly(general.id());
        assertThat(approvals.queueOf("dave", filter(Approval.Status.APPROVED, null)))
                .extracting(Approval::id).containsExactly(claim.id());

        signIn("alice");
        MvcResult page = mvc.perform(get("/approvals").param("status", "APPROVED")).andReturn();
        assertThat((List<?>) page.getModelAndView().getModel().get("mine")).hasSize(1);
        assertThat(ApprovalsPageController.PILOT_PAGES).containsEntry("expense-claim", "/expenses");
    }

    private static Approvals.Filter filter(Approval.Status status, String kind) {
        return new Approvals.Filter(status, kind, null, null, TestWorkspaceProperties.defaults().timeZone());
    }
}
