package org.agencyworkspace.platform.audit.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditProperties;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ships the audit chain to Elasticsearch once {@code workspace.connectors.elasticsearch.url} is
 * set (and {@code workspace.audit.shipping.enabled} is not false).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${workspace.connectors.elasticsearch.url:}' != ''"
        + " and ${workspace.audit.shipping.enabled:true}")
public class AuditShippingConfiguration {

    @Bean
    AuditShipper auditShipper(JdbcAuditTrail trail, AuditCursors cursors,
            DeadLetterStore deadLetters,
            ElasticsearchConnector elasticsearch, PlatformTransactionManager transactions, ObjectMapper json, Clock clock,
            AuditProperties properties) {
        AuditProperties.Shipping shipping = properties.shipping();
        return new AuditShipper(trail, cursors, deadLetters, elasticsearch,
                new TransactionTemplate(transactions), json, clock, shipping.batchSize(),
                shipping.initialBackoff(), shipping.maxBackoff());
    }

    @Bean
    LogShipper logShipper(ElasticsearchConnector elasticsearch,
            AuditCursors cursors, DeadLetterStore deadLetters, PlatformTransactionManager transactions,
            ObjectMapper json, Clock clock, AuditProperties properties, WorkspaceProperties workspace) {
        return new LogShipper(workspace.logDir().resolve("workspace.json"), cursors, deadLetters,
                elasticsearch, new TransactionTemplate(transactions), json, clock,
                properties.shipping().batchSize());
    }

    @Bean
    AuditRetention auditRetention(ElasticsearchConnector elasticsearch,
            AuditProperties properties, AuditTrail audit, Clock clock) {
        return new AuditRetention(elasticsearch, properties.retention(), audit, clock);
    }

    @Bean
    AuditShippingRoutes auditShippingRoutes(AuditProperties properties, AuditShipper shipper,
            LogShipper logShipper, AuditRetention retention) {
        return new AuditShippingRoutes(properties, shipper, logShipper, retention);
    }
}
