package org.agencyworkspace.platform.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters for operators and scripts: list, inspect, replay, discard. */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Dead letters")
public class DeadLetterApi {

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;

    public DeadLetterApi(DeadLetterStore store, DeadLetterReplayer replayer) {
        this.store = store;
        this.replayer = replayer;
    }

    /**
     * Answer of a replay.
     *
     * @param id the dead letter
     * @param result replayed, failed again, not replayable or not found
     */
    public record ReplayAnswer(String id, DeadLetterReplayer.Result result) {
    }

    /**
     * Why a dead letter is discarded.
     *
     * @param reason shown in the audit trail
     */
    public record DiscardRequest(String reason) {
    }

    @GetMapping
    @Operation(summary = "Dead letters, newest failure first; status OPEN, REPLAYED or DISCARDED")
    public List<DeadLetter> list(@RequestParam(required = false) DeadLetter.Status status,
            @RequestParam(defaultValue = "100") int limit) {
        return store.list(status, Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One dead letter with its original message")
    public ResponseEntity<DeadLetter> get(@PathVariable String id) {
        return ResponseEntity.of(store.find(id));
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Send the original message to its route again")
    public ResponseEntity<?> replay(@PathVariable String id) {
        DeadLetterReplayer.Result result = replayer.replay(id, CurrentUser.loginOrAnonymous());
        return switch (result) {
            case NOT_FOUND -> ResponseEntity.notFound().build();
            case NOT_REPLAYABLE -> ResponseEntity.status(HttpStatus.CONFLICT).body(
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                            "dead letter is closed or its route cannot be re-entered"));
            case REPLAYED, FAILED_AGAIN -> ResponseEntity.ok(new ReplayAnswer(id, result));
        };
    }

    @PostMapping("/{id}/discard")
    @Operation(summary = "Close a dead letter without replaying it")
    public ResponseEntity<?> discard(@PathVariable String id,
            @RequestBody(required = false) DiscardRequest request) {
        if (store.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String reason = request == null ? null : request.reason();
        return replayer.discard(id, CurrentUser.loginOrAnonymous(), reason)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.CONFLICT, "dead letter is not open"));
    }
}
