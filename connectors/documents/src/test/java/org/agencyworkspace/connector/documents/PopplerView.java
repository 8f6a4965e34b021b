package org.agencyworkspace.connector.documents;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A marked copy as readers other than PDFBox see it: {@code qpdf --check}, poppler's
 * {@code pdftotext} page by page and {@code pdftoppm} pictures of every page, each as wide as a
 * phone screen. Lists what is wrong:
 * an empty list means qpdf accepts the file and every page shows its banner, in the banner's
 * colour, at its top and bottom, and carries the delivery marker in its text. Also checks that
 * nothing planted by {@link HostilePdfs} survives: no forbidden key or type and no planted string
 * among the objects qpdf lists (its JSON view, which leaves page content out: a damaged file's
 * bytes may well end up as text on a page), and one revision only.
 */
final class PopplerView {

    private static final int PHONE_WIDTH = 360;
    private static final Pattern PAGE_SIZE = Pattern.compile("Page +(\\d+) size: +([\\d.]+) x ([\\d.]+) pts");
    /** The band's height as a share of the shorter side: 1.8 × the largest banner size (6 percent). */
    private static final double BAND = 1.8 * 0.06;
    /** As qpdf's JSON writes them: names and strings in quotes, so a font called /AAXYZB+… is not /AA. */
    private static final List<String> FORBIDDEN = List.of(HostilePdfs.SECRET, "\"/JavaScript\"", "\"/JS\"",
            "\"/EmbeddedFile\"", "\"/EmbeddedFiles\"", "\"/Filespec\"", "\"/OCProperties\"", "\"/OC\"",
            "\"/Annots\"", "\"/AcroForm\"", "\"/XFA\"", "\"/OpenAction\"", "\"/AA\"", "\"/Names\"", "\"/Prev\"");

    private PopplerView() {
    }

    static List<String> problems(Path pdf, String banner, String deliveryId, Path work) {
        List<String> problems = new ArrayList<>();
        PdfTools.Result check = PdfTools.qpdfCheck(pdf);
        if (check.exitCode() != 0) {
            problems.add("qpdf --check exit " + check.exitCode() + ": " + check.output().strip());
            return problems;
        }
        int pages = Integer.parseInt(PdfTools.run(List.of(PdfTools.require("qpdf"), "--show-npages", pdf.toString()))
                .output().strip());
        if (pages == 0) {
            problems.add("no pages");
        }
        PdfTools.Result text = PdfTools.run(List.of(PdfTools.require("pdftotext"), "-enc", "UTF-8", pdf.toString(), "-"));
        String[] pageTexts = text.output().split("\f", -1);
        for (int page = 1; page <= pages; page++) {
            String shown = page - 1 < pageTexts.length ? pageTexts[page - 1].replaceAll("\\s+", "") : "";
            if (!shown.contains(banner.replaceAll("\\s+", ""))) {
                problems.add("page " + page + ": pdftotext finds no banner");
            }
            if (!shown.contains(PdfStamper.CONTENT_MARKER + deliveryId)) {
                problems.add("page " + page + ": pdftotext finds no delivery marker");
            }
        }
        List<BufferedImage> pictures = pictures(pdf, work);
        if (pictures.size() != pages) {
            problems.add("pdftoppm drew " + pictures.size() + " of " + pages + " pages");
        }
        for (int page = 0; page < pictures.size(); page++) {
            BufferedImage picture = pictures.get(page);
            int band = (int) Math.ceil(BAND * Math.min(picture.getWidth(), picture.getHeight())) + 1;
            if (!hasBannerText(picture, 0, band)) {
                problems.add("page " + (page + 1) + ": no banner visible at the top");
            }
            if (!hasBannerText(picture, picture.getHeight() - band, picture.getHeight())) {
                problems.add("page " + (page + 1) + ": no banner visible at the bottom");
            }
        }
        String objects = PdfTools.run(List.of(PdfTools.require("qpdf"), "--json=2", "--json-key=qpdf",
                pdf.toString())).output();
        for (String forbidden : FORBIDDEN) {
            if (objects.contains(forbidden)) {
                problems.add("the output still holds " + forbidden);
            }
        }
        if (revisions(pdf) != 1) {
            problems.add("the output has " + revisions(pdf) + " revisions");
        }
        return problems;
    }

    /** Pixels of the default banner's dark red ({@link BannerStyle#DEFAULT}), anti-aliased or not. */
    private static boolean hasBannerText(BufferedImage picture, int fromRow, int toRow) {
        for (int y = Math.max(0, fromRow); y < Math.min(picture.getHeight(), toRow); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int rgb = picture.getRGB(x, y);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                if (red > 110 && green < 110 && blue < 110 && red - green > 60) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Each page drawn by pdftoppm with its shorter side 360 pixels across, as a phone held
     * upright fits it (at most 1,200 dpi).
     */
    private static List<BufferedImage> pictures(Path pdf, Path work) {
        try {
            Path folder = Files.createTempDirectory(work, "pictures-");
            String info = PdfTools.run(List.of(PdfTools.require("pdfinfo"), "-f", "1", "-l", "100000", pdf.toString()))
                    .output();
            Matcher size = PAGE_SIZE.matcher(info);
            List<BufferedImage> pictures = new ArrayList<>();
            while (size.find()) {
                String page = size.group(1);
                double shorter = Math.min(Double.parseDouble(size.group(2)), Double.parseDouble(size.group(3)));
                long dpi = Math.min(1200, Math.round(Math.ceil(PHONE_WIDTH * 72 / shorter)));
                Path picture = folder.resolve("page-" + page);
                PdfTools.Result drawn = PdfTools.run(List.of(PdfTools.require("pdftoppm"), "-r", String.valueOf(dpi),
                        "-f", page, "-l", page, "-singlefile", "-png", pdf.toString(), picture.toString()));
                if (drawn.exitCode() != 0) {
                    return pictures;
                }
                pictures.add(ImageIO.read(picture.resolveSibling("page-" + page + ".png").toFile()));
            }
            return pictures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int revisions(Path pdf) {
        try {
            String bytes = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
            return bytes.split("startxref", -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
