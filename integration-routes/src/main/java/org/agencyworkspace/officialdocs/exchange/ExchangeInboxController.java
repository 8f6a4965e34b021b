package org.agencyworkspace.officialdocs.exchange;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgement;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /exchange/inbox}: where other workspaces deliver packages. Only on the inbox's own
 * TLS connector (which already demanded a client certificate chaining to the inbox's anchors);
 * the certificate's organisation must then be the package's sender's. The answer is the signed
 * acknowledgement: 200 received, 422 refused. Requests on any other connector are refused, audited.
 */
@RestController
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
class ExchangeInboxController {

    static final String PATH = "/exchange/inbox";
    static final String PACKAGE_TYPE = "application/vnd.etsi.asic-e+zip";

    private final ExchangeInbox inbox;
    private final ExchangeProperties properties;
    private final AuditTrail audit;

    ExchangeInboxController(ExchangeInbox inbox, ExchangeProperties properties, AuditTrail audit) {
        this.inbox = inbox;
        this.properties = properties;
        this.audit = audit;
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> receive(HttpServletRequest request) throws IOException {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (properties.inbox().port() == 0 || request.getLocalPort() != properties.inbox().port() || !request.isSecure()
                || chain == null || chain.length == 0) {
            audit.record(AuditEvent.of("exchange.receive", "process").actor("exchange:unknown", "")
                    .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                    .failure("not on the mutual-TLS inbox connector with a client certificate").build());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                    .body("deliver packages to the mutual-TLS inbox port with a client certificate\n".getBytes());
        }
        long max = properties.maxPackage().toBytes();
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, max + 1));
        ExchangeInbox.Answer answer = inbox.receive(body, ExchangeInbox.Channel.HTTPS,
                Optional.of(TlsContexts.organisationOf(chain[0])));
        return ResponseEntity.status(answer.outcome() == ExchangeAcknowledgement.Outcome.RECEIVED ? 200 : 422)
                .contentType(MediaType.parseMediaType(PACKAGE_TYPE)).body(answer.acknowledgement());
    }
}
