package org.agencyworkspace.security.detection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityStore;
import org.agencyworkspace.platform.audit.AuditChainVerifier;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Security monitoring: the detection rules on the audit chain (on unless turned off). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "workspace.security.detection", name = "enabled", matchIfMissing = true)
public class DetectionConfiguration {

    @Bean
    DetectionService detectionService(JdbcAuditTrail trail, AuditCursors cursors,
            IncidentStore incidents, Messenger messenger, EventPublisher events, AuditTrail audit,
            AuditChainVerifier verifier, PlatformTransactionManager transactions, ObjectMapper json,
            Clock clock, SecurityProperties security, WorkspaceProperties workspace,
            ClassificationScheme scheme, IdentityStore identities) {
        SecurityProperties.Detection detection = security.detection();
        Path rulesFile = detection.rulesFile() != null ? detection.rulesFile()
                : workspace.dataDir().resolve("detection-rules.yaml");
        // An account is deprovisioned when its identity is no longer active; a login the
        // identity store does not know (a local demo account, a service) is not judged.
        DetectionEngine.AccountStatus accounts = login -> identities.findByUserName(login)
                .map(Identity::active);
        return new DetectionService(trail, cursors, incidents, messenger, events, audit, verifier,
                new TransactionTemplate(transactions), json, clock, rulesFile,
                code -> scheme.find(code).isPresent(), scheme::rank, accounts,
                recipient(detection.notifyRecipient()));
    }

    @Bean
    DetectionRoutes detectionRoutes(SecurityProperties security, DetectionService service) {
        return new DetectionRoutes(security.detection(), service);
    }

    static Recipient recipient(String notify) {
        int colon = notify.indexOf(':');
        String id = notify.substring(colon + 1);
        return switch (notify.substring(0, colon)) {
            case "room" -> Recipient.room(id);
            case "user" -> Recipient.user(id);
            default -> Recipient.group(id);
        };
    }
}
