package org.agencyworkspace.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators fetch Element Web's config.json for the deployment (admin paths: operators only). */
@RestController
@Tag(name = "Chat")
public class ElementConfigController {

    private final ElementProperties element;

    public ElementConfigController(ElementProperties element) {
        this.element = element;
    }

    @GetMapping("/api/admin/element-config")
    @Operation(summary = "Element Web's config.json: this homeserver only, SSO only, no registration")
    public ResponseEntity<Map<String, Object>> config() {
        return element.isConfigured() ? ResponseEntity.ok(ElementWebConfig.of(element))
                : ResponseEntity.notFound().build();
    }
}
