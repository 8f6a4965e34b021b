package org.agencyworkspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class ApiProblemsTest {

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new Api(), new Page())
                .setControllerAdvice(new ApiProblems(new InvalidRequests(audit), audit))
                .build();
    }

    @Test
    void aRefusalBecomesAProblemWithItsKindTitleProblemsAndProperties() throws Exception {
        mvc.perform(get("/api/refused"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Claim refused"))
                .andExpect(jsonPath("$.detail").value("already paid; locked"))
                .andExpect(jsonPath("$.problems[0]").value("already paid"))
                .andExpect(jsonPath("$.problems[1]").value("locked"))
                .andExpect(jsonPath("$.duplicates[0]").value("INV-1"));
        assertThat(audit.actions()).as("the refusal was audited where it was decided, not again here")
                .isEmpty();
    }

    @Test
    void aRefusalNobodyRecordedIsRecordedOnceAsItSaysWithTheCallersAddress() throws Exception {
        mvc.perform(get("/api/unrecorded").with(request -> {
            request.setRemoteAddr("203.0.113.7");
            return request;
        })).andExpect(status().isConflict()).andExpect(jsonPath("$.reason").value("ALREADY"));

        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("thing.refused");
            assertThat(event.reason()).isEqualTo("ALREADY: done before");
            assertThat(event.source().ip()).isEqualTo("203.0.113.7");
        });
    }

    @Test
    void everyKindAnswersItsOwnStatus() throws Exception {
        for (RefusedException.Kind kind : RefusedException.Kind.values()) {
            Api.next = kind;
            mvc.perform(get("/api/kind")).andExpect(status().is(kind.httpStatus()));
        }
    }

    @Test
    void invalidInputIsA400AndAuditedAsProbing() throws Exception {
        mvc.perform(get("/api/invalid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("path contains .."));
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("request.invalid");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        });
    }

    @Test
    void aRaceIsA409WithoutTheDatabaseMessage() throws Exception {
        mvc.perform(get("/api/raced"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(
                        "someone else did the same at the same moment; look again and retry"));
    }

    @Test
    void pagesAreLeftToTheirOwnErrorHandling() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mvc.perform(get("/page/invalid")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(audit.actions()).isEmpty();
    }

    @Test
    void aRefusalNamesAtLeastOneProblem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RefusedException(RefusedException.Kind.INVALID, "t", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @RestController
    static class Api {
        static volatile RefusedException.Kind next = RefusedException.Kind.INVALID;

        @GetMapping("/api/refused")
        String refused() {
            throw new ClaimRefused();
        }

        @GetMapping("/api/unrecorded")
        String unrecorded() {
            throw new UnrecordedRefusal();
        }

        @GetMapping("/api/kind")
        String kind() {
            throw new RefusedException(next, "Refused", "because");
        }

        @GetMapping("/api/invalid")
        String invalid() {
            throw new IllegalArgumentException("path contains ..");
        }

        @GetMapping("/api/raced")
        String raced() {
            throw new DuplicateKeyException("ERROR: duplicate key value violates unique constraint \"x\"");
        }
    }

    @Controller
    static class Page {
        @GetMapping("/page/invalid")
        String invalid() {
            throw new IllegalArgumentException("bad");
        }
    }

    static class UnrecordedRefusal extends RefusedException {
        UnrecordedRefusal() {
            super(Kind.CONFLICT, "Thing refused", "done before");
            with("reason", "ALREADY");
        }

        @Override
        public AuditEvent.Builder unrecorded(String login) {
            return AuditEvent.of("thing.refused", "process").actor(login, login).failure("ALREADY: " + getMessage());
        }
    }

    static class ClaimRefused extends RefusedException {
        ClaimRefused() {
            super(Kind.CONFLICT, "Claim refused", List.of("already paid", "locked"));
            with("duplicates", List.of("INV-1"));
        }
    }
}
