package org.agencyworkspace.identity.reconciliation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reconciliation for operators and scripts: run one now, read past reports. */
@RestController
@RequestMapping("/api/admin/identity/reconciliations")
@Tag(name = "Identity reconciliation")
public class ReconciliationApi {

    private final IdentityReconciliation reconciliation;
    private final ReconciliationRuns runs;

    public ReconciliationApi(IdentityReconciliation reconciliation, ReconciliationRuns runs) {
        this.reconciliation = reconciliation;
        this.runs = runs;
    }

    @PostMapping
    @Operation(summary = "Compare identities with every app and source now; repair unless dryRun")
    public ReconciliationReport run(@RequestParam(defaultValue = "false") boolean dryRun,
            Principal operator) {
        return reconciliation.reconcile(dryRun, operator.getName());
    }

    @GetMapping
    @Operation(summary = "The latest reports, newest first")
    public List<ReconciliationReport> latest(@RequestParam(defaultValue = "20") int limit) {
        return runs.latest(Math.max(1, Math.min(limit, 200)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One report")
    public ResponseEntity<ReconciliationReport> get(@PathVariable String id) {
        return ResponseEntity.of(runs.find(id));
    }
}
