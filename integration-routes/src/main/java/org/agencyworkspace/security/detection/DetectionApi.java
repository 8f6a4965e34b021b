package org.agencyworkspace.security.detection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The detection rules in force, and reloading them on demand (administrators). */
@RestController
@RequestMapping("/api/admin/security/detection")
@Tag(name = "Security incidents")
public class DetectionApi {

    private final ObjectProvider<DetectionService> detection;

    /** Detection may be turned off ({@code workspace.security.detection.enabled}): then 404. */
    public DetectionApi(ObjectProvider<DetectionService> detection) {
        this.detection = detection;
    }

    /**
     * @param rules the rule ids in force
     * @param lastError why the operator's file was last refused, or null
     */
    public record Status(List<String> rules, String lastError) {
    }

    @GetMapping
    @Operation(summary = "The rules in force and the last refusal of the rules file")
    public ResponseEntity<Status> status() {
        DetectionService service = detection.getIfAvailable();
        return service == null ? ResponseEntity.notFound().build()
                : ResponseEntity.ok(new Status(service.rules().rules().stream().map(RuleSet.Rule::id).toList(),
                        service.lastError()));
    }

    @PostMapping("/reload")
    @Operation(summary = "Read the rules file again; 422 with the reason when it is refused (the rules in force stay)")
    public ResponseEntity<DetectionService.LoadResult> reload() {
        DetectionService service = detection.getIfAvailable();
        if (service == null) {
            return ResponseEntity.notFound().build();
        }
        DetectionService.LoadResult result = service.reload("api:" + CurrentUser.loginOrAnonymous());
        return result.error() == null ? ResponseEntity.ok(result)
                : ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(result);
    }
}
