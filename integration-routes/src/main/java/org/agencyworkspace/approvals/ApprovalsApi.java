package org.agencyworkspace.approvals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approvals over HTTP: ask, look, decide. The same decision is made in chat ({@code !approve},
 * {@code !reject}) and on the approvals page, all through {@link Approvals#decide}.
 */
@RestController
@Tag(name = "Approvals")
public class ApprovalsApi {

    /**
     * A request for approval.
     *
     * @param kind what sort of request
     * @param subject one-line title; never classified content
     * @param link where it is opened in the workspace; optional
     * @param approverRole the role that decides
     */
    public record ApprovalRequest(String kind, String subject, String link, String approverRole) {
    }

    /**
     * A decision.
     *
     * @param approve true to approve, false to reject
     * @param reason why; required to reject
     */
    public record DecisionRequest(boolean approve, String reason) {
    }

    private final Approvals approvals;
    private final RequestRefusals refusals;

    public ApprovalsApi(Approvals approvals, RequestRefusals refusals) {
        this.approvals = approvals;
        this.refusals = refusals;
    }

    @PostMapping("/api/approvals")
    @Operation(summary = "Ask a role for approval; its holders are notified with the chat commands")
    public ResponseEntity<Approval> request(@RequestBody ApprovalRequest request,
            HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(approvals.request(request.kind(),
                    request.subject(), request.link(), login, request.approverRole()));
        } catch (IllegalArgumentException e) {
            refusals.record(login, http, request.kind(), request.link(), e.getMessage());
            throw e;
        }
    }

    @GetMapping("/api/approvals/{id}")
    @Operation(summary = "One approval, for its requester or a holder of its approver role")
    public ResponseEntity<Approval> get(@PathVariable String id) {
        String login = CurrentUser.get().orElseThrow().login();
        return approvals.find(id)
                .filter(approval -> approval.requester().equals(login)
                        || approvals.mayDecide(approval, login))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/api/approvals/{id}/decision")
    @Operation(summary = "Approve or reject, as a holder of the approver role (not one's own "
            + "request); 409 when already decided")
    public ResponseEntity<?> decide(@PathVariable String id, @RequestBody DecisionRequest request) {
        if (!request.approve() && (request.reason() == null || request.reason().isBlank())) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        Approvals.Decision decision = approvals.decide(id, CurrentUser.get().orElseThrow().login(),
                request.approve(), request.reason());
        HttpStatus status = switch (decision.outcome()) {
            case DECIDED -> HttpStatus.OK;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_DECIDED -> HttpStatus.CONFLICT;
            case NOT_PERMITTED, OWN_REQUEST -> HttpStatus.FORBIDDEN;
        };
        if (status == HttpStatus.OK) {
            return ResponseEntity.ok(decision.approval());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                "request " + id + ": " + decision.outcome().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' '));
        problem.setTitle("Not decided");
        return ResponseEntity.status(status).body(problem);
    }
}
