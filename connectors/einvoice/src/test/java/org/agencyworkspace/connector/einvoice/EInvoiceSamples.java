package org.agencyworkspace.connector.einvoice;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/** Builds e-invoice code texts to the published layout and draws them as a printed proof copy would. */
public final class EInvoiceSamples {

    public static final String SELLER = "22099131";
    private static final String[] GOODS = {"咖啡", "餅乾", "茶葉蛋", "便當", "文具組", "影印紙", "礦泉水", "計程車資"};

    private EInvoiceSamples() {
    }

    /** An invoice as a pair of code texts. */
    public record Sample(String number, LocalDate issued, long untaxed, long total, String seller,
            String left, String right) {
    }

    /** A valid invoice with two items, seeded. */
    public static Sample sample(Random random) {
        String number = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                + String.format("%08d", random.nextInt(100_000_000));
        LocalDate issued = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700));
        String first = GOODS[random.nextInt(GOODS.length)];
        String second = GOODS[random.nextInt(GOODS.length)];
        int price1 = 10 + random.nextInt(900);
        int price2 = 10 + random.nextInt(900);
        int qty1 = 1 + random.nextInt(3);
        long total = (long) qty1 * price1 + price2;
        return of(number, issued, Math.round(total / 1.05), total, SELLER, "1",
                List.of(first + ":" + qty1 + ":" + price1), List.of(second + ":1:" + price2));
    }

    /** Code texts for the given fields; items are name:qty:price in the left and right codes. */
    public static Sample of(String number, LocalDate issued, long untaxed, long total, String seller,
            String encoding, List<String> leftItems, List<String> rightItems) {
        int items = leftItems.size() + rightItems.size();
        String roc = String.format("%03d%02d%02d", issued.getYear() - 1911, issued.getMonthValue(),
                issued.getDayOfMonth());
        // Stands in for the AES block (16 bytes -> 24 Base64 characters with ==); only its shape is read.
        String verification = Base64.getEncoder().encodeToString(
                (number + "582100").getBytes(StandardCharsets.US_ASCII));
        String left = number + roc + "5821" + String.format("%08x%08x", untaxed, total) + "00000000"
                + seller + verification + ":**********:" + items + ":" + items + ":" + encoding
                + (leftItems.isEmpty() ? "" : ":" + String.join(":", leftItems));
        String right = "**" + (rightItems.isEmpty() ? "" : ":" + String.join(":", rightItems));
        return new Sample(number, issued, untaxed, total, seller, left, right);
    }

    public static BitMatrix matrix(byte[] content, int size) {
        try {
            // ISO-8859-1 carries the bytes through unchanged, as a Big5 code holds them.
            return new QRCodeWriter().encode(new String(content, StandardCharsets.ISO_8859_1),
                    BarcodeFormat.QR_CODE, size, size, Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1",
                            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q,
                            EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encoded(String text, Charset charset) {
        return text.getBytes(charset);
    }

    /** A receipt picture holding the invoices' code pairs, one pair per row. */
    public static BufferedImage receipt(List<Sample> samples) {
        int module = 240;
        BufferedImage image = new BufferedImage(2 * module + 120, samples.size() * (module + 60) + 60,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < samples.size(); i++) {
            int top = 40 + i * (module + 60);
            draw(g, matrix(utf8(samples.get(i).left()), module), 40, top);
            draw(g, matrix(utf8(samples.get(i).right()), module), 80 + module, top);
        }
        g.dispose();
        return image;
    }

    public static void draw(Graphics2D g, BitMatrix matrix, int x, int y) {
        g.setColor(Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    g.fillRect(x + col, y + row, 1, 1);
                }
            }
        }
    }

    public static BufferedImage rotated(BufferedImage image, double degrees) {
        double radians = Math.toRadians(degrees);
        int size = (int) Math.ceil(Math.hypot(image.getWidth(), image.getHeight()));
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform turn = new AffineTransform();
        turn.translate(size / 2.0, size / 2.0);
        turn.rotate(radians);
        turn.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
        g.drawImage(image, turn, null);
        g.dispose();
        return out;
    }

    public static BufferedImage blurred(BufferedImage image, int radius) {
        int size = radius * 2 + 1;
        float[] kernel = new float[size * size];
        java.util.Arrays.fill(kernel, 1f / kernel.length);
        return new ConvolveOp(new Kernel(size, size, kernel), ConvolveOp.EDGE_NO_OP, null).filter(image, null);
    }

    /** Greys squeezed into [low, high]: a faded thermal print. */
    public static BufferedImage faded(BufferedImage image, int low, int high) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int grey = image.getRGB(x, y) & 0xff;
                int v = low + grey * (high - low) / 255;
                out.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
        return out;
    }

    /** Paints a blot over part of one code: a smudged or torn print. */
    public static BufferedImage damaged(BufferedImage image, double share, Random random) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.setColor(random.nextBoolean() ? Color.WHITE : Color.BLACK);
        int side = (int) (240 * Math.sqrt(share));
        // Inside the code's middle, away from the three finder patterns.
        int x = 40 + 70 + random.nextInt(Math.max(240 - 140 - side / 2, 1));
        int y = 40 + 70 + random.nextInt(Math.max(240 - 140 - side / 2, 1));
        g.fillRect(x, y, side, side);
        g.dispose();
        return out;
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpg");
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
