package org.agencyworkspace.reviews;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.connector.documents.TextPdf;
import org.agencyworkspace.platform.csv.Csv;
import org.agencyworkspace.reviews.Review.Member;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The record of a review (評選紀錄): what was reviewed, each member's sheet by code (names may be
 * coded, 審議規則 §6), the result with its tie-break path, and the decision. The CSV form is
 * canonical: its SHA-256 is what members confirm with a fresh MFA step. The PDF adds who
 * confirmed which hash and when.
 *
 * <p>Once the decision is recorded, {@link #signable} is frozen and each present member signs it
 * with their own PAdES signature ({@link ReviewRecordSignatures}); the agency's review-records seal
 * ({@link ReviewRecordSeals}) goes last.
 */
public final class ReviewRecords {

    static final List<String> HEADER = List.of("section", "item", "candidate", "member", "criterion", "value");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ReviewRecords() {
    }

    /** The record as rows of {@link #HEADER}, in a fixed order. */
    static List<List<String>> rows(Review review, Reviews.ResultView result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("review", "case", null, null, null, review.caseNumber()));
        rows.add(row("review", "subject", null, null, null, review.subject()));
        rows.add(row("review", "method", null, null, null, review.method().name()));
        rows.add(row("review", "pass-mark", null, null, null, plain(review.passMark())));
        rows.add(row("review", "level", null, null, null, review.level()));
        rows.add(row("review", "meeting", null, null, null, review.meetingAt().toString()));
        rows.add(row("review", "members", null, null, null, Integer.toString(review.members().size())));
        rows.add(row("review", "present", null, null, null,
                Long.toString(review.members().stream().filter(m -> m.checkedInAt() != null).count())));
        for (Review.Recusal recusal : review.recusals()) {
            rows.add(row("recusal", recusal.substituteCode(), null, recusal.code(), null, recusal.reason()));
        }
        for (Scoring.Criterion criterion : review.criteria()) {
            rows.add(row("criterion", criterion.name(), null, null, Integer.toString(criterion.id()),
                    plain(criterion.weight()) + "/" + plain(criterion.maxScore())));
        }
        for (Scoring.Candidate candidate : review.candidates()) {
            rows.add(row("candidate", candidate.name(), Integer.toString(candidate.id()), null, null, null));
        }
        result.sheets().forEach((code, sheet) -> {
            sheet.scores().forEach((candidate, scores) -> scores.forEach((criterion, score) ->
                    rows.add(row("score", null, candidate.toString(), code, criterion.toString(), plain(score)))));
            sheet.ranks().forEach((candidate, rank) ->
                    rows.add(row("rank", null, candidate.toString(), code, null, rank.toString())));
        });
        for (Scoring.MemberLine line : result.result().lines()) {
            rows.add(row("line", "total", Integer.toString(line.candidate()), line.member(), null, plain(line.total())));
            rows.add(row("line", "rank", Integer.toString(line.candidate()), line.member(), null, plain(line.rank())));
        }
        for (Scoring.Standing standing : result.result().standings()) {
            String candidate = Integer.toString(standing.candidate());
            rows.add(row("standing", "place", candidate, null, null, Integer.toString(standing.place())));
            rows.add(row("standing", "members", candidate, null, null, Integer.toString(standing.members())));
            rows.add(row("standing", "average-score", candidate, null, null, plain(standing.averageScore())));
            rows.add(row("standing", "rank-sum", candidate, null, null, plain(standing.rankSum())));
            rows.add(row("standing", "average-rank", candidate, null, null, plain(standing.averageRank())));
            rows.add(row("standing", "first-places", candidate, null, null, Integer.toString(standing.firstPlaces())));
            rows.add(row("standing", "eligible", candidate, null, null, Boolean.toString(standing.eligible())));
            rows.add(row("standing", "separated-by", candidate, null, null,
                    standing.separatedBy() == null ? null : standing.separatedBy().name()));
        }
        rows.add(row("result", "winner", result.result().winner() == null ? null
                : result.result().winner().toString(), null, null, null));
        rows.add(row("result", "decided-by", null, null, null,
                result.result().decidedBy() == null ? null : result.result().decidedBy().name()));
        rows.add(row("decision", "winner", review.decisionWinner() == null ? null
                : review.decisionWinner().toString(), null, null, null));
        rows.add(row("decision", "wording", null, null, null, review.decision()));
        return rows;
    }

    public static String csv(Review review, Reviews.ResultView result) {
        return Csv.write(HEADER, rows(review, result));
    }

    public static String sha256(String csv) {
        return ReviewGuests.sha256(csv);
    }

    public static byte[] xlsx(Review review, Reviews.ResultView result) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet standings = book.createSheet("Result 結果");
            List<String> head = List.of("place 名次", "candidate 廠商", "members 委員數", "average score 平均總分",
                    "rank sum 序位合計", "average rank 平均序位", "first places 第一序位數", "eligible 及格",
                    "separated by 判定依據");
            write(standings.createRow(0), head);
            int r = 1;
            for (Scoring.Standing s : result.result().standings()) {
                Row row = standings.createRow(r++);
                row.createCell(0).setCellValue(s.place());
                row.createCell(1).setCellValue(result.candidates().get(s.candidate()));
                row.createCell(2).setCellValue(s.members());
                number(row, 3, s.averageScore());
                number(row, 4, s.rankSum());
                number(row, 5, s.averageRank());
                row.createCell(6).setCellValue(s.firstPlaces());
                row.createCell(7).setCellValue(s.eligible());
                row.createCell(8).setCellValue(s.separatedBy() == null ? "" : s.separatedBy().name());
            }
            Sheet record = book.createSheet("Record 紀錄");
            write(record.createRow(0), HEADER);
            r = 1;
            for (List<String> values : rows(review, result)) {
                write(record.createRow(r++), values);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record as a PDF in the watermark's CJK font, with the members' confirmations. */
    public static byte[] pdf(Review review, Reviews.ResultView result, TextPdf writer, ZoneId zone) {
        List<String> lines = body(review, result, zone);
        lines.add("# 委員確認 Members' confirmations (SHA-256 of the CSV record)");
        lines.add("紀錄雜湊 Record hash: " + review.recordSha256());
        for (Member member : review.members()) {
            if (member.checkedInAt() != null) {
                lines.add("委員 " + member.code() + " (" + member.checkInMode() + "): " + (member.confirmedAt() == null
                        ? "未確認 not confirmed"
                        : "已確認 confirmed " + TIME.format(member.confirmedAt().atZone(zone)) + " "
                                + member.confirmedSha256()));
            }
        }
        return writePdf(review, lines, writer);
    }

    /**
     * The record frozen for the members' own signatures ({@link ReviewRecordSignatures}): the same
     * content without the confirmations, which change; instead the members who are to sign it.
     */
    public static byte[] signable(Review review, Reviews.ResultView result, TextPdf writer, ZoneId zone) {
        List<String> lines = body(review, result, zone);
        lines.add("# 委員簽章 Members' signatures (PAdES, one per member, in this file)");
        lines.add("紀錄雜湊 Record hash (CSV): " + review.recordSha256());
        for (Member member : review.members()) {
            if (member.checkedInAt() != null) {
                lines.add("委員 " + member.code() + " (" + member.checkInMode() + ")"
                        + (member.external() ? " 外聘 external" : ""));
            }
        }
        return writePdf(review, lines, writer);
    }

    private static List<String> body(Review review, Reviews.ResultView result, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add("# 評選紀錄 Evaluation record");
        lines.add("案號 Case: " + review.caseNumber());
        lines.add("案名 Subject: " + review.subject());
        lines.add("評選方式 Method: " + review.method() + (review.passMark() == null ? ""
                : "   及格分數 Pass mark: " + plain(review.passMark())));
        lines.add("會議 Meeting: " + TIME.format(review.meetingAt().atZone(zone)) + " (" + zone + ")");
        lines.add("密等 Level: " + review.level());
        lines.add("# 評選項目 Criteria");
        review.criteria().forEach(c -> lines.add(c.id() + ". " + c.name() + "  配分 weight " + plain(c.weight())
                + "  滿分 max " + plain(c.maxScore())));
        lines.add("# 總表 Summary sheet (委員以代號表示 members by code)");
        for (Scoring.MemberLine line : result.result().lines()) {
            lines.add("委員 " + line.member() + "  " + result.candidates().get(line.candidate())
                    + (line.total() == null ? "" : "  總分 total " + plain(line.total()))
                    + (line.rank() == null ? "" : "  序位 rank " + plain(line.rank())));
        }
        lines.add("# 結果 Result");
        for (Scoring.Standing s : result.result().standings()) {
            lines.add(s.place() + ". " + result.candidates().get(s.candidate())
                    + (s.averageScore() == null ? "" : "  平均 average " + plain(s.averageScore()))
                    + (s.rankSum() == null ? "" : "  序位合計 rank sum " + plain(s.rankSum()))
                    + "  第一序位 firsts " + s.firstPlaces()
                    + (s.eligible() ? "" : "  不及格 not eligible")
                    + (s.separatedBy() == null ? "" : "  判定 by " + s.separatedBy()));
        }
        if (!result.result().tiedForFirst().isEmpty()) {
            lines.add("同分待抽籤 Tied for first, lots to draw: " + result.result().tiedForFirst().stream()
                    .map(result.candidates()::get).toList());
        }
        lines.add("# 決議 Decision");
        lines.add(review.decisionWinner() == null ? "不決標 No award"
                : "第一名 Chosen: " + result.candidates().get(review.decisionWinner()));
        lines.add(review.decision() == null ? "" : review.decision());
        return lines;
    }

    private static byte[] writePdf(Review review, List<String> lines, TextPdf writer) {
        Path file = null;
        try {
            file = Files.createTempFile("review-record", ".pdf");
            writer.write("評選紀錄 " + review.caseNumber(), lines, file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }
    }

    private static void write(Row row, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            row.createCell(i).setCellValue(values.get(i) == null ? "" : values.get(i));
        }
    }

    private static void number(Row row, int column, BigDecimal value) {
        if (value != null) {
            row.createCell(column).setCellValue(value.doubleValue());
        }
    }

    private static List<String> row(String section, String item, String candidate, String member,
            String criterion, String value) {
        List<String> row = new ArrayList<>(6);
        row.add(section);
        row.add(item);
        row.add(candidate);
        row.add(member);
        row.add(criterion);
        row.add(value);
        return row;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
