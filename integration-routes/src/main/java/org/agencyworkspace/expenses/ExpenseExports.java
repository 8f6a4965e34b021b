package org.agencyworkspace.expenses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.csv.Csv;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Accounting's view over claims: totals per budget code and month, and the item-by-item export
 * (CSV through the workspace's one CSV writer, and XLSX). Only claims past their supervisor
 * count (accounting, approved, paid); months are those of the receipts' dates.
 */
@Service
public class ExpenseExports {

    static final List<String> HEADER = List.of("claim", "claimant", "budget_code", "project",
            "status", "paid_on", "item", "kind", "date", "invoice_number", "seller", "payee",
            "description", "amount_ntd");

    private static final String COUNTED = "c.status IN ('ACCOUNTING', 'APPROVED', 'PAID')";

    private final JdbcClient jdbc;
    private final ExpenseClaims claims;
    private final AuditTrail audit;
    private final EventPublisher events;

    public ExpenseExports(JdbcClient jdbc, ExpenseClaims claims, AuditTrail audit, EventPublisher events) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.audit = audit;
        this.events = events;
    }

    /** One total per budget code and month. */
    public record Total(String budgetCode, YearMonth month, BigDecimal amount, int items) {
    }

    public List<Total> totals(YearMonth from, YearMonth to, WorkspaceUser user) {
        requireAccounting(user, "expense.totals");
        java.util.Map<String, Total> totals = new java.util.LinkedHashMap<>();
        for (List<Object> row : rows(from, to)) {
            String budget = (String) row.get(2);
            YearMonth month = YearMonth.from((LocalDate) row.get(8));
            BigDecimal amount = (BigDecimal) row.get(13);
            totals.merge(budget + '|' + month, new Total(budget, month, amount, 1),
                    (a, b) -> new Total(budget, month, a.amount().add(b.amount()), a.items() + b.items()));
        }
        return List.copyOf(totals.values());
    }

    public String csv(YearMonth from, YearMonth to, WorkspaceUser user) {
        requireAccounting(user, "expense.export");
        List<List<Object>> rows = rows(from, to);
        exported(user, "csv", from, to, rows.size());
        return Csv.write(HEADER, rows.stream().map(row -> row.stream().map(ExpenseExports::text).toList()).toList());
    }

    public byte[] xlsx(YearMonth from, YearMonth to, WorkspaceUser user) {
        requireAccounting(user, "expense.export");
        List<List<Object>> rows = rows(from, to);
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("經費核銷");
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("#,##0.00"));
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            Row head = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) {
                head.createCell(i).setCellValue(HEADER.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row line = sheet.createRow(r + 1);
                List<Object> row = rows.get(r);
                for (int i = 0; i < row.size(); i++) {
                    Object value = row.get(i);
                    var cell = line.createCell(i);
                    if (value instanceof BigDecimal amount) {
                        cell.setCellValue(amount.doubleValue());
                        cell.setCellStyle(money);
                    } else if (value instanceof LocalDate day) {
                        cell.setCellValue(day);
                        cell.setCellStyle(date);
                    } else if (value instanceof Long number) {
                        cell.setCellValue(number);
                    } else if (value != null) {
                        // Text cells are never formulas in XLSX; no defusing needed as in CSV.
                        cell.setCellValue(value.toString());
                    }
                }
            }
            book.write(out);
            exported(user, "xlsx", from, to, rows.size());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<Object>> rows(YearMonth from, YearMonth to) {
        if (from == null || to == null || to.isBefore(from) || from.plusYears(5).isBefore(to)) {
            throw ExpenseException.invalid(List.of("months: from and to (yyyy-MM), at most 5 years apart"));
        }
        return jdbc.sql("SELECT c.id AS claim_id, c.claimant, c.budget_code, c.project, c.status, c.paid_on,"
                        + " i.id AS item_id, i.kind, i.issued_on, i.invoice_number, i.seller, i.payee_name,"
                        + " i.description, i.amount FROM expense_item i JOIN expense_claim c ON c.id = i.claim_id"
                        + " WHERE " + COUNTED + " AND i.issued_on >= :from AND i.issued_on <= :to"
                        + " ORDER BY c.budget_code, i.issued_on, c.id, i.id")
                .param("from", from.atDay(1)).param("to", to.atEndOfMonth())
                .query((row, n) -> java.util.Arrays.<Object>asList(row.getLong("claim_id"),
                        row.getString("claimant"), row.getString("budget_code"), row.getString("project"),
                        row.getString("status"), row.getObject("paid_on", LocalDate.class),
                        row.getLong("item_id"), row.getString("kind"), row.getObject("issued_on", LocalDate.class),
                        row.getString("invoice_number"), row.getString("seller"), row.getString("payee_name"),
                        row.getString("description"), row.getBigDecimal("amount")))
                .list();
    }

    private static String text(Object value) {
        return value instanceof BigDecimal amount ? amount.toPlainString() : value == null ? null : value.toString();
    }

    private void requireAccounting(WorkspaceUser user, String action) {
        if (!claims.isAccounting(user.login())) {
            audit.record(AuditEvent.of(action, "process").actor(user.login(), user.displayName())
                    .failure("only accounting").build());
            throw new ExpenseException(ExpenseException.Reason.FORBIDDEN, "only accounting sees totals and exports");
        }
    }

    private void exported(WorkspaceUser user, String format, YearMonth from, YearMonth to, int rows) {
        audit.record(AuditEvent.of("expense.export", "process").actor(user.login(), user.displayName())
                .details(Map.of("format", format, "from", from.toString(), "to", to.toString(),
                        "rows", Integer.toString(rows))).build());
        events.publish(new ExpenseEvents.Exported(user.login(), format, from.toString(), to.toString(), rows),
                user.login());
    }
}
