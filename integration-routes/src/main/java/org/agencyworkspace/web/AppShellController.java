package org.agencyworkspace.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The installable app's service worker and manifest, with the headers browsers check: the worker
 * as JavaScript from the root, allowed to control every page ({@code Service-Worker-Allowed: /}),
 * never cached by HTTP so an update takes effect at once; the manifest as
 * {@code application/manifest+json}. Both are public, as is the offline page: the browser fetches
 * them without the session (the worker registers from the sign-in page too), and none holds data.
 */
@Controller
public class AppShellController {

    private static final Resource WORKER = new ClassPathResource("app/sw.js");
    private static final Resource MANIFEST = new ClassPathResource("app/manifest.webmanifest");

    @GetMapping("/sw.js")
    public ResponseEntity<Resource> worker() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Service-Worker-Allowed", "/")
                .body(WORKER);
    }

    @GetMapping("/manifest.webmanifest")
    public ResponseEntity<Resource> manifest() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/manifest+json"))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)))
                .body(MANIFEST);
    }
}
