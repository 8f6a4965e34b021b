package org.agencyworkspace.platform.audit.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Pattern;
import org.agencyworkspace.connector.elasticsearch.IndexDocument;
import org.agencyworkspace.platform.audit.AuditRow;
import org.agencyworkspace.platform.audit.JdbcAuditTrail.ChainedEvent;

/** An audit row as the ECS document the audit index template maps. */
public final class EcsAuditDocument {

    static final String ECS_VERSION = "8.11.0";
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%\\w+)?");

    private EcsAuditDocument() {
    }

    public static IndexDocument of(ChainedEvent chained, ObjectMapper json) {
        AuditRow row = chained.row();
        ObjectNode doc = json.createObjectNode();
        doc.put("@timestamp", row.occurredAt().toString());
        doc.putObject("ecs").put("version", ECS_VERSION);
        ObjectNode event = doc.putObject("event");
        event.put("id", row.id());
        event.put("action", row.action());
        event.put("category", row.category());
        event.put("kind", "event");
        event.put("dataset", "workspace.audit");
        event.put("outcome", row.outcome());
        putIfSet(event, "reason", row.reason());
        event.put("sequence", chained.position());
        event.put("hash", chained.hash());
        ObjectNode user = doc.putObject("user");
        user.put("id", row.userId());
        putIfSet(user, "name", row.userName());
        if (row.sourceIp() != null) {
            // A value that is not an address (a proxy's "unknown") goes to source.address, so
            // one odd value does not make the whole event a mapping conflict.
            doc.putObject("source").put(isIpLiteral(row.sourceIp()) ? "ip" : "address", row.sourceIp());
        }
        if (row.userAgent() != null) {
            doc.putObject("user_agent").put("original", row.userAgent());
        }
        if ("file".equals(row.targetType()) && row.targetId() != null) {
            doc.putObject("file").put("path", row.targetId());
        }
        if (row.classification() != null) {
            doc.putObject("labels").put("classification", row.classification());
        }
        if (row.traceId() != null) {
            doc.putObject("trace").put("id", row.traceId());
        }
        if (!row.tagSet().isEmpty()) {
            row.tagSet().stream().sorted().forEach(doc.putArray("tags")::add);
        }
        ObjectNode workspace = json.createObjectNode();
        if (row.targetType() != null) {
            ObjectNode target = workspace.putObject("target");
            target.put("type", row.targetType());
            putIfSet(target, "id", row.targetId());
        }
        Map<String, String> details = AuditRow.parseDetails(row.details(), json);
        if (!details.isEmpty()) {
            ObjectNode node = workspace.putObject("details");
            details.forEach(node::put);
        }
        if (!workspace.isEmpty()) {
            doc.set("workspace", workspace);
        }
        return new IndexDocument(row.id(), row.occurredAt(), doc.toString());
    }

    static boolean isIpLiteral(String value) {
        return IPV4.matcher(value).matches() || (value.indexOf(':') >= 0 && IPV6.matcher(value).matches());
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
