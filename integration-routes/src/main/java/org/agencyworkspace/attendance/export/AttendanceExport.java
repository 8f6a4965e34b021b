package org.agencyworkspace.attendance.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.agencyworkspace.attendance.AttendanceEvents;
import org.agencyworkspace.attendance.AttendanceProperties;
import org.agencyworkspace.attendance.AttendanceRefusedException;
import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.DayRecord;
import org.agencyworkspace.attendance.DayStatus;
import org.agencyworkspace.directory.StaffDirectory;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports a month of person-days for personnel officers, as CSV or XLSX, one row per person
 * and date, in the column layout of {@link #COLUMNS} (documented in the operator guide). A month
 * that is over is locked by its export: no correction, overtime or leave may change it after.
 */
@Service
public class AttendanceExport {

    /** The layout, in order; never reorder, only append (importers rely on positions). */
    public static final List<String> COLUMNS = List.of("login", "name", "department", "date",
            "weekday", "clock_in", "clock_out", "statuses", "corrected", "leave_types",
            "overtime_minutes", "work_mode", "network_zone", "calendar_note");

    /** The file formats offered. */
    public enum Format { CSV, XLSX }

    /**
     * @param fileName suggested file name
     * @param contentType its media type
     * @param bytes the file
     * @param rows person-days in it
     * @param locked whether the month is locked from now on
     */
    public record ExportFile(String fileName, String contentType, byte[] bytes, int rows,
            boolean locked) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final AttendanceService attendance;
    private final AttendanceProperties properties;
    private final StaffDirectory directory;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    public AttendanceExport(AttendanceService attendance, StaffDirectory directory, JdbcClient jdbc,
            TransactionTemplate transactions, EventPublisher events, AuditTrail audit, Clock clock) {
        this.attendance = attendance;
        this.properties = attendance.properties();
        this.directory = directory;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param department only this department's people; null or blank for everyone
     * @throws AttendanceRefusedException when the viewer is not a personnel officer (audited)
     */
    public ExportFile export(WorkspaceUser viewer, YearMonth month, Format format, String department) {
        if (!viewer.hasRole(properties.personnelRole())) {
            AttendanceRefusedException refused = new AttendanceRefusedException(
                    AttendanceRefusedException.Reason.NOT_PERMITTED,
                    "exporting needs the role " + properties.personnelRole());
            attendance.auditRefusal(viewer.login(), "attendance.export", null, null, refused);
            throw refused;
        }
        attendance.syncDecisions();
        List<List<String>> rows = rows(viewer, month, department);
        byte[] bytes = format == Format.CSV ? csv(rows) : xlsx(month, rows);
        boolean over = month.isBefore(YearMonth.from(attendance.today()));
        Boolean locked = transactions.execute(status -> {
            if (over && !attendance.isLocked(month)) {
                jdbc.sql("INSERT INTO attendance_month_lock (locked_month, locked_by, locked_at) "
                                + "VALUES (:month, :by, :at)")
                        .param("month", month.toString()).param("by", viewer.login())
                        .param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
            }
            events.publish(new AttendanceEvents.MonthExported(month.toString(),
                    format.name().toLowerCase(Locale.ROOT), rows.size(), over, viewer.login()),
                    viewer.login());
            audit.record(AuditEvent.of("attendance.export", "attendance").actor(viewer.login(), viewer.login())
                    .target("attendance-month", month.toString())
                    .details(Map.of("format", format.name(), "rows", Integer.toString(rows.size()),
                            "locked", Boolean.toString(over),
                            "department", department == null ? "" : department))
                    .build());
            return over;
        });
        String name = "attendance-" + month + (department == null || department.isBlank() ? "" : "-" + department);
        return format == Format.CSV
                ? new ExportFile(name + ".csv", "text/csv;charset=UTF-8", bytes, rows.size(), locked)
                : new ExportFile(name + ".xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes,
                        rows.size(), locked);
    }

    List<List<String>> rows(WorkspaceUser viewer, YearMonth month, String department) {
        List<List<String>> rows = new ArrayList<>();
        for (String login : attendance.visiblePeople(viewer, department)) {
            StaffDirectory.StaffMember member = directory.find(login).orElse(null);
            String name = member == null ? login : member.displayNameZh();
            String departments = member == null ? "" : String.join("|", member.departments());
            for (DayRecord day : attendance.month(viewer, login, month)) {
                rows.add(row(day, name, departments));
            }
        }
        return rows;
    }

    private List<String> row(DayRecord day, String name, String departments) {
        return List.of(day.login(), name, departments, day.date().toString(),
                Integer.toString(day.date().getDayOfWeek().getValue()), time(day.effectiveIn()),
                time(day.effectiveOut()),
                day.statuses().stream().map(DayStatus::name).collect(Collectors.joining("|")),
                day.corrected() ? "Y" : "N", String.join("|", day.leaveTypes()),
                Long.toString(day.overtime().toMinutes()),
                day.clockIn() == null ? "" : day.clockIn().workMode().name(),
                day.clockIn() == null ? "" : day.clockIn().networkZone(),
                day.holiday() == null ? "" : day.holiday());
    }

    private String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(attendance.zone()));
    }

    static byte[] csv(List<List<String>> rows) {
        return Csv.write(COLUMNS, rows).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(YearMonth month, List<List<String>> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(month.toString());
            Row header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    // Text cells throughout: importers read the same strings as from the CSV,
                    // and nothing is ever evaluated as a formula.
                    row.createCell(c).setCellValue(values.get(c));
                }
            }
            sheet.createFreezePane(0, 1);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
