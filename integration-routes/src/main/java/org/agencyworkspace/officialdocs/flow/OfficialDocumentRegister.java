package org.agencyworkspace.officialdocs.flow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.csv.Csv;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The register (公文登記簿): one line per document, for the register role (登記桌), as CSV through
 * the workspace's one CSV writer and as XLSX. The subject of a document above the reader's
 * clearance is not written, only its level.
 */
@Service
public class OfficialDocumentRegister {

    static final List<String> HEADER = List.of("number", "kind", "level", "urgency", "subject", "drafter",
            "department", "status", "round", "created_at", "approved_at", "sha256");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final OfficialDocumentsProperties properties;
    private final ClassificationScheme scheme;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final ZoneId zone;

    OfficialDocumentRegister(JdbcClient jdbc, OfficialDocumentsProperties properties, ClassificationScheme scheme,
            AuditTrail audit, EventPublisher events, WorkspaceProperties workspace) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.scheme = scheme;
        this.audit = audit;
        this.events = events;
        this.zone = workspace.timeZone();
    }

    public String csv(WorkspaceUser user) {
        List<List<String>> rows = rows(user, "csv");
        return Csv.write(HEADER, rows);
    }

    public byte[] xlsx(WorkspaceUser user) {
        List<List<String>> rows = rows(user, "xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("公文登記簿");
            Row head = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) {
                head.createCell(i).setCellValue(HEADER.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row line = sheet.createRow(r + 1);
                for (int i = 0; i < rows.get(r).size(); i++) {
                    String value = rows.get(r).get(i);
                    if (value != null) {
                        // text cells are never formulas in XLSX: nothing to defuse
                        line.createCell(i).setCellValue(value);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> rows(WorkspaceUser user, String format) {
        if (!user.hasRole(properties.registerRole())) {
            audit.record(AuditEvent.of("official-document.register-export", "process")
                    .actor(user.login(), user.displayName()).failure("not the register role").build());
            throw new DocumentRefusedException(DocumentRefusedException.Reason.NOT_YOUR_STEP,
                    "only the register desk (" + properties.registerRole() + ") exports the register");
        }
        int clearance = scheme.rank(user.clearance());
        List<List<String>> rows = new ArrayList<>(jdbc.sql("SELECT * FROM official_document ORDER BY id")
                .query((rs, n) -> {
                    String level = rs.getString("level");
                    boolean cleared = clearance >= scheme.rank(level);
                    return java.util.Arrays.asList(rs.getString("number"),
                            DocumentKind.valueOf(rs.getString("kind")).nameZh(), scheme.level(level).nameZh(),
                            Urgency.valueOf(rs.getString("urgency")).nameZh(),
                            cleared ? rs.getString("subject") : "（" + scheme.level(level).nameZh() + "件）",
                            rs.getString("drafter"), rs.getString("department"), rs.getString("status"),
                            Integer.toString(rs.getInt("round")), time(rs.getObject("created_at", java.time.OffsetDateTime.class)),
                            time(rs.getObject("approved_at", java.time.OffsetDateTime.class)),
                            cleared ? rs.getString("pdf_sha256") : null);
                }).list());
        audit.record(AuditEvent.of("official-document.register-export", "process")
                .actor(user.login(), user.displayName()).success()
                .details(Map.of("format", format, "rows", Integer.toString(rows.size()))).build());
        events.publish(new OfficialDocumentEvents.RegisterExported(user.login(), format, rows.size()), user.login());
        return rows;
    }

    private String time(java.time.OffsetDateTime value) {
        return value == null ? null : TIME.format(value.toInstant().atZone(zone));
    }
}
