package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The first pages of a bundle, before they are marked: for whom and when it was made, and a table
 * of its items with each one's level and pages in the bundle. Drawn with the watermark font
 * (embedded as a subset), so Chinese names show; a long list continues on further pages.
 */
final class BundleManifest {

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float LEFT = 56;
    private static final float WIDTH = PAGE.getWidth() - 2 * LEFT;
    /** Clear of the banner bands the marks draw at the top and bottom. */
    private static final float TOP = PAGE.getHeight() - 64;
    private static final float BOTTOM = 64;
    private static final float HEADING_SIZE = 16;
    private static final float DETAIL_SIZE = 11;
    private static final float TABLE_SIZE = 10;
    private static final float TABLE_LINE = 13;
    private static final float ROW_GAP = 4;
    private static final String HEADING = "匯出清單 Bundle manifest";
    private static final String[] COLUMNS = {"#", "名稱 Name", "等級 Level", "頁次 Pages", "頁數"};
    private static final float[] COLUMN_WIDTHS = {28, WIDTH - 28 - 140 - 65 - 35, 140, 65, 35};

    private record Line(String text, float size) {

        float height() {
            return size * 1.4f;
        }
    }

    /** One item's row, its name and level wrapped to their columns. */
    private record Row(int item, List<String> name, List<String> level) {

        float height() {
            return Math.max(name.size(), level.size()) * TABLE_LINE + ROW_GAP;
        }
    }

    private final PDDocument document;
    private final PDType0Font font;
    private final BundleRequest request;
    private final List<Integer> itemPages;

    private BundleManifest(PDDocument document, CjkFont.Opened font, BundleRequest request, List<Integer> itemPages)
            throws IOException {
        this.document = document;
        this.font = PDType0Font.load(document, font.font(), true);
        this.request = request;
        this.itemPages = itemPages;
    }

    /**
     * Writes the manifest of {@code request}, whose items have {@code itemPages} pages each, to
     * {@code target}; returns how many pages it takes, which the items' page numbers follow.
     */
    static int write(CjkFont.Opened font, BundleRequest request, List<Integer> itemPages, Path target,
            StreamCacheCreateFunction scratch) throws IOException {
        try (PDDocument document = new PDDocument(scratch)) {
            BundleManifest manifest = new BundleManifest(document, font, request, itemPages);
            List<Line> details = manifest.details();
            List<List<Row>> pages = manifest.paginate(details);
            for (int page = 0; page < pages.size(); page++) {
                manifest.drawPage(page, pages, page == 0 ? details : List.of());
            }
            document.save(target.toFile());
            return pages.size();
        }
    }

    /** What the first page says above the table. */
    private List<Line> details() throws IOException {
        Marking marking = request.marking();
        int items = request.items().size();
        int pages = itemPages.stream().mapToInt(Integer::intValue).sum();
        List<Line> lines = new ArrayList<>(wrapped(request.title(), 13));
        for (String detail : List.of("全卷等級 Bundle level: " + marking.banner(),
                "檢視者 Viewer: " + marking.viewerName() + " (" + marking.userId() + ")",
                "時間 Time: " + PdfStamper.TIME.format(marking.time()),
                "文件 Document: " + marking.documentId(),
                "交付 Delivery: " + marking.deliveryId(),
                "共 " + items + " 件，" + pages + " 頁 · " + items + " items, " + pages + " pages")) {
            lines.addAll(wrapped(detail, DETAIL_SIZE));
        }
        return lines;
    }

    /** The items' rows, page by page: as many as fit below the heading (and on page one, the details). */
    private List<List<Row>> paginate(List<Line> details) throws IOException {
        List<List<Row>> pages = new ArrayList<>();
        List<Row> page = new ArrayList<>();
        float y = tableTop(details);
        for (int item = 0; item < request.items().size(); item++) {
            BundleItem bundled = request.items().get(item);
            Row row = new Row(item, wrap(bundled.name(), TABLE_SIZE, COLUMN_WIDTHS[1] - 4),
                    wrap(bundled.banner(), TABLE_SIZE, COLUMN_WIDTHS[2] - 4));
            if (!page.isEmpty() && y - row.height() < BOTTOM) {
                pages.add(page);
                page = new ArrayList<>();
                y = tableTop(List.of());
            }
            page.add(row);
            y -= row.height();
        }
        pages.add(page);
        return pages;
    }

    /** Where the first row starts, below the heading, {@code details} and the column headings. */
    private static float tableTop(List<Line> details) {
        float y = TOP - HEADING_SIZE - 6;
        for (Line line : details) {
            y -= line.height();
        }
        return y - 6 - TABLE_LINE - ROW_GAP;
    }

    private void drawPage(int index, List<List<Row>> pages, List<Line> details) throws IOException {
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        int manifestPages = pages.size();
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            float y = TOP - HEADING_SIZE;
            show(content, manifestPages == 1 ? HEADING : HEADING + " (" + (index + 1) + "/" + manifestPages + ")",
                    HEADING_SIZE, LEFT, y);
            y -= 6;
            for (Line line : details) {
                y -= line.height();
                show(content, line.text(), line.size(), LEFT, y);
            }
            y = tableTop(details);
            drawCells(content, Arrays.stream(COLUMNS).map(List::of).toList(), y + ROW_GAP);
            rule(content, y + 1);
            for (Row row : pages.get(index)) {
                drawCells(content, List.of(List.of(String.valueOf(row.item() + 1)), row.name(), row.level(),
                        List.of(pageRange(row.item(), manifestPages)), List.of(String.valueOf(itemPages.get(row.item())))),
                        y - TABLE_LINE);
                y -= row.height();
            }
        }
    }

    /** The item's pages in the bundle, e.g. {@code 3-5}, counting the manifest's pages first. */
    private String pageRange(int item, int manifestPages) {
        int first = manifestPages + 1 + itemPages.subList(0, item).stream().mapToInt(Integer::intValue).sum();
        int last = first + itemPages.get(item) - 1;
        return first == last ? String.valueOf(first) : first + "-" + last;
    }

    /** Each cell's lines from {@code baseline} down, one column after another. */
    private void drawCells(PDPageContentStream content, List<List<String>> cells, float baseline) throws IOException {
        float x = LEFT;
        for (int column = 0; column < cells.size(); column++) {
            List<String> lines = cells.get(column);
            for (int line = 0; line < lines.size(); line++) {
                show(content, lines.get(line), TABLE_SIZE, x, baseline - line * TABLE_LINE);
            }
            x += COLUMN_WIDTHS[column];
        }
    }

    private static void rule(PDPageContentStream content, float y) throws IOException {
        content.moveTo(LEFT, y);
        content.lineTo(LEFT + WIDTH, y);
        content.stroke();
    }

    private void show(PDPageContentStream content, String text, float size, float x, float y) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    private List<Line> wrapped(String text, float size) throws IOException {
        return wrap(text, size, WIDTH).stream().map(line -> new Line(line, size)).toList();
    }

    /** {@code text} in lines no wider than {@code width}, broken between any two characters (CJK has no spaces). */
    private List<String> wrap(String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float used = 0;
        for (int codePoint : text.codePoints().toArray()) {
            String character = Character.toString(codePoint);
            float advance = font.getStringWidth(character) / 1000f * size;
            if (used + advance > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            line.append(character);
            used += advance;
        }
        lines.add(line.toString());
        return lines;
    }
}
