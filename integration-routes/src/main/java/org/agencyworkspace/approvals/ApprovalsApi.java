package org.agencyworkspace.approvals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asking for and looking at approvals over HTTP; deciding happens in chat ({@code !approve},
 * {@code !reject}) or through {@link Approvals#decide} from a workflow's own page.
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

    private final Approvals approvals;

    public ApprovalsApi(Approvals approvals) {
        this.approvals = approvals;
    }

    @PostMapping("/api/approvals")
    @Operation(summary = "Ask a role for approval; its holders are notified with the chat commands")
    public ResponseEntity<Approval> request(@RequestBody ApprovalRequest request) {
        String login = CurrentUser.get().orElseThrow().login();
        return ResponseEntity.status(HttpStatus.CREATED).body(approvals.request(request.kind(),
                request.subject(), request.link(), login, request.approverRole()));
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

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }
}
