package org.agencyworkspace.officialdocs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.signing.Revocation;
import org.agencyworkspace.connector.signing.SignatureFinding;
import org.agencyworkspace.connector.signing.ValidationReport;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The agency CA's public face (its CRL and certificate, fetched by every validator without
 * signing in), validation of an uploaded PDF or exchange package in plain words, and revocation
 * by an administrator.
 */
@RestController
@Tag(name = "Signing")
class SigningApi {

    static final MediaType CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType CERTIFICATE = MediaType.parseMediaType("application/pkix-cert");

    /** A validation as the API answers it. */
    record ValidationView(boolean valid, String words, List<SignatureFinding> signatures, String problem) {
    }

    record RevocationRequest(String serial, Revocation.Reason reason) {
    }

    record RevocationView(String serial, boolean newlyRevoked) {
    }

    private final SigningSetup setup;
    private final SigningProperties properties;
    private final WorkspaceProperties workspace;
    private final AuditTrail audit;

    SigningApi(SigningSetup setup, SigningProperties properties, WorkspaceProperties workspace, AuditTrail audit) {
        this.setup = setup;
        this.properties = properties;
        this.workspace = workspace;
        this.audit = audit;
    }

    @GetMapping(AgencyAuthority.CRL_PATH)
    @Operation(summary = "The agency CA's current CRL (DER), public: validators fetch it")
    ResponseEntity<byte[]> crl() {
        byte[] crl = authority().crl();
        return ResponseEntity.ok().contentType(CRL).cacheControl(CacheControl.noCache()).body(crl);
    }

    @GetMapping(AgencyAuthority.CERTIFICATE_PATH)
    @Operation(summary = "The agency CA's certificate (DER): the trust anchor to give receiving agencies")
    ResponseEntity<byte[]> certificate() throws CertificateEncodingException {
        return ResponseEntity.ok().contentType(CERTIFICATE).body(authority().certificate().getEncoded());
    }

    @PostMapping(path = "/api/signing/validate", consumes = MediaType.ALL_VALUE)
    @Operation(summary = "Validate a signed PDF or an ASiC-E exchange package sent as the request body")
    ValidationView validate(HttpServletRequest request) throws IOException {
        WorkspaceUser user = user();
        long max = properties.maxUpload().toBytes();
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, max + 1));
        if (body.length > max) {
            audit.record(AuditEvent.of("signing.validate", "file").actor(user.login(), user.displayName())
                    .failure("larger than " + properties.maxUpload()).build());
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
                    "the file is larger than the " + properties.maxUpload() + " accepted");
        }
        ValidationReport report = setup.validator().orElseThrow(() -> new ResponseStatusException(
                HttpStatus.SERVICE_UNAVAILABLE, "no trust anchors are configured: set workspace.signing.ca-passphrase "
                        + "or workspace.signing.trust-anchors")).validate(body);
        audit.record(AuditEvent.of("signing.validate", "file").actor(user.login(), user.displayName()).success()
                .details(Map.of("valid", Boolean.toString(report.allValid()),
                        "signatures", Integer.toString(report.signatures().size()))).build());
        return new ValidationView(report.allValid(), report.inPlainWords(workspace.timeZone()), report.signatures(),
                report.problem());
    }

    @PostMapping("/api/admin/signing/revocations")
    @Operation(summary = "Revoke a certificate the agency CA issued (serial in hex); it is in the next CRL")
    RevocationView revoke(@RequestBody RevocationRequest request) {
        BigInteger serial;
        try {
            serial = new BigInteger(request.serial(), 16);
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the serial must be hexadecimal");
        }
        Revocation.Reason reason = request.reason() == null ? Revocation.Reason.UNSPECIFIED : request.reason();
        return new RevocationView(serial.toString(16), authority().revoke(serial, reason, user()));
    }

    private AgencyAuthority authority() {
        return setup.authority().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no agency CA runs here (workspace.signing.ca-passphrase is not set)"));
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }
}
