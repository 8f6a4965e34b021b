package org.agencyworkspace.platform.audit;

import java.nio.file.Path;
import java.time.Clock;
import org.agencyworkspace.config.WorkspaceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit chain's key and anchors, from {@code workspace.audit.chain.*}. */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

    /**
     * The configured secret, else the key file, made at the first start. A key file others may
     * read stops the start: the chain would be no stronger than that file's permissions.
     */
    @Bean
    AuditChainKey auditChainKey(AuditProperties properties, WorkspaceProperties workspace) {
        AuditProperties.Chain chain = properties.chain();
        if (chain.key() != null && !chain.key().isBlank()) {
            return AuditChainKey.of(chain.key());
        }
        Path file = chain.keyFile() != null ? chain.keyFile() : workspace.dataDir().resolve("audit-chain.key");
        return AuditChainKey.fromFile(file, true);
    }

    @Bean
    AuditAnchors auditAnchors(AuditProperties properties, WorkspaceProperties workspace, AuditChainKey key,
            Clock clock) {
        Path file = properties.chain().anchorFile() != null ? properties.chain().anchorFile()
                : workspace.logDir().resolve("audit-anchors.jsonl");
        return new AuditAnchors(file, key, clock);
    }
}
