package org.agencyworkspace.platform.audit.shipping;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.Retention;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditProperties;
import org.agencyworkspace.platform.audit.AuditTrail;

/**
 * Deletes the Elasticsearch months whose retention has passed (whole monthly indices: no ILM or
 * delete-by-query needed). Each deletion is itself audited. The database chain is not pruned.
 */
public class AuditRetention {

    private final ElasticsearchConnector elastic;
    private final AuditProperties.Retention retention;
    private final AuditTrail audit;
    private final Clock clock;

    public AuditRetention(ElasticsearchConnector elastic, AuditProperties.Retention retention,
            AuditTrail audit, Clock clock) {
        this.elastic = elastic;
        this.retention = retention;
        this.audit = audit;
        this.clock = clock;
    }

    public List<String> deleteExpired() {
        List<String> deleted = elastic.deleteExpired(
                new Retention(retention.audit(), retention.logs()), clock.instant());
        for (String index : deleted) {
            audit.record(AuditEvent.of("audit.retention.delete", "configuration")
                    .target("index", index)
                    .details(Map.of("auditRetention", retention.audit().toString(),
                            "logsRetention", retention.logs().toString()))
                    .build());
        }
        return deleted;
    }
}
