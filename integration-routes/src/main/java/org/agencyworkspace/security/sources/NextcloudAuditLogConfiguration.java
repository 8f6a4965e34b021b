package org.agencyworkspace.security.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.agencyworkspace.config.NextcloudProperties;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.SecurityProperties;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Nextcloud's admin_audit log as an audit source, once
 * {@code workspace.security.sources.nextcloud-audit-log.path} names the file; read every
 * {@code poll-interval} (default 5 s) by the route {@code nextcloud-audit-log}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${workspace.security.sources.nextcloud-audit-log.path:}' != ''"
        + " and ${workspace.security.sources.nextcloud-audit-log.enabled:true}")
public class NextcloudAuditLogConfiguration {

    @Bean
    NextcloudAuditLogSource nextcloudAuditLogSource(SecurityProperties security,
            NextcloudProperties nextcloud, LabelRecords labelRecords, AuditTrail audit,
            AuditCursors cursors, JdbcClient jdbc, PlatformTransactionManager transactions,
            ObjectMapper json) {
        SecurityProperties.NextcloudAuditLog settings = security.sources().nextcloudAuditLog();
        NextcloudAuditLogMapper.Labels labels = new NextcloudAuditLogMapper.Labels() {
            @Override
            public Optional<String> byFileId(String fileId) {
                return labelRecords.levelOf(fileId);
            }

            @Override
            public Optional<String> byPath(String path) {
                return labelRecords.levelAt(path);
            }
        };
        return new NextcloudAuditLogSource(settings.path(),
                new NextcloudAuditLogMapper(json, nextcloud.username(), labels), audit, cursors, jdbc,
                new TransactionTemplate(transactions), settings.batchSize());
    }

    @Bean
    EndpointRouteBuilder nextcloudAuditLogRoutes(SecurityProperties security, NextcloudAuditLogSource source) {
        long period = security.sources().nextcloudAuditLog().pollInterval().toMillis();
        return new EndpointRouteBuilder() {
            @Override
            public void configure() {
                // A failed read is the next poll's work: the offset moves only with what was stored.
                from(timer("nextcloud-audit-log").period(period).delay(0))
                        .routeId("nextcloud-audit-log")
                        .process(exchange -> exchange.getMessage().setBody(source.poll()));
            }
        };
    }
}
