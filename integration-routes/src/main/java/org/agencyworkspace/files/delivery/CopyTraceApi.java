package org.agencyworkspace.files.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.agencyworkspace.connector.documents.Fingerprint;
import org.agencyworkspace.connector.documents.FingerprintReader;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Traces a leaked copy: the PDF goes in, the copy register says whose copy it was, when and of
 * which file. Administrators only ({@code /api/admin/**}); every trace is audited.
 */
@RestController
@RequestMapping("/api/admin/files/trace")
@Tag(name = "Files")
public class CopyTraceApi {

    /**
     * What the fingerprint led to.
     *
     * @param deliveryIds the delivery ids found (metadata first, then the page marks)
     * @param copies the registered copies they name; empty when none is known here
     */
    public record Trace(List<String> deliveryIds, List<CopyRegister.Copy> copies) {
    }

    private final CopyRegister register;
    private final AuditTrail audit;

    public CopyTraceApi(CopyRegister register, AuditTrail audit) {
        this.register = register;
        this.audit = audit;
    }

    @PostMapping(consumes = "application/pdf")
    @Operation(summary = "Whose copy is this PDF? Send the leaked file as the request body")
    public Trace trace(HttpServletRequest request) throws IOException {
        Fingerprint fingerprint;
        try (InputStream pdf = request.getInputStream()) {
            fingerprint = new FingerprintReader().read(pdf);
        }
        List<String> ids = Stream.concat(fingerprint.fromMetadata().stream(),
                fingerprint.fromContent().stream()).distinct().toList();
        List<CopyRegister.Copy> copies = ids.stream().map(register::find).flatMap(Optional::stream)
                .toList();
        String who = CurrentUser.loginOrAnonymous();
        audit.record(AuditEvent.of("file.copy.trace", "file")
                .actor(who, who)
                .target("delivery", ids.isEmpty() ? "none" : String.join(",", ids))
                .details(Map.of("found", Integer.toString(copies.size())))
                .build());
        return new Trace(ids, copies);
    }

}
