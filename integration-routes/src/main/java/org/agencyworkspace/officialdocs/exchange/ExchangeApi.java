package org.agencyworkspace.officialdocs.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.RefusedException.Kind;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The registry clerk's exchange API: dispatch a document from Files, and what was sent and received. */
@RestController
@Tag(name = "Document exchange")
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
class ExchangeApi {

    record Status(List<ExchangeDispatch.Outgoing> outgoing, List<ExchangeInbox.Incoming> incoming) {
    }

    private final ExchangeDesk desk;

    ExchangeApi(ExchangeDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/api/exchange/dispatch")
    @Operation(summary = "Dispatch (發文) a PDF kept in Files with its attachments to configured recipients")
    Map<String, String> dispatch(@RequestBody ExchangeDesk.DispatchRequest request) {
        return Map.of("dispatchId", desk.dispatch(request, user()));
    }

    /** The recipients' exchange codes for an approved letter. */
    record ApprovedDispatch(List<String> recipients) {
    }

    @PostMapping("/api/exchange/official-documents/{id}")
    @Operation(summary = "Dispatch (發文) a letter (函) the 簽辦 flow approved, with its signatures and"
            + " attachments, to configured recipients")
    Map<String, String> dispatchApproved(@PathVariable long id, @RequestBody ApprovedDispatch request) {
        return Map.of("dispatchId", desk.dispatchApproved(id, request == null ? null : request.recipients(), user()));
    }

    @GetMapping("/api/exchange")
    @Operation(summary = "Packages sent (with their acknowledgements) and received or refused, newest first")
    Status status() {
        WorkspaceUser user = user();
        return new Status(desk.outgoing(user), desk.incoming(user));
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new ExchangeRefusedException(Kind.UNAUTHENTICATED, "sign in first"));
    }
}
