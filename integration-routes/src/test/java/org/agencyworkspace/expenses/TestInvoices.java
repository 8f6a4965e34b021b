package org.agencyworkspace.expenses;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** E-invoice proof copies drawn to the published QR layout, for the claims' tests and benchmark. */
public final class TestInvoices {

    private TestInvoices() {
    }

    /** The left and right code texts of a two-item invoice. */
    public record Invoice(String number, LocalDate issued, long total, String seller) {

        public String left() {
            String roc = String.format("%03d%02d%02d", issued.getYear() - 1911, issued.getMonthValue(),
                    issued.getDayOfMonth());
            long first = total / 2;
            String verification = Base64.getEncoder().encodeToString(
                    (number + "123400").getBytes(StandardCharsets.US_ASCII));
            return number + roc + "1234" + String.format("%08x%08x", Math.round(total / 1.05), total)
                    + "00000000" + seller + verification + ":**********:2:2:1:咖啡:1:" + first;
        }

        public String right() {
            return "**:餅乾:1:" + (total - total / 2);
        }
    }

    /** A PNG with each invoice's pair of codes on a row; {@code degrees} turns the whole photo. */
    public static byte[] photo(double degrees, Invoice... invoices) {
        int module = 240;
        BufferedImage image = new BufferedImage(2 * module + 120, invoices.length * (module + 60) + 60,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < invoices.length; i++) {
            int top = 40 + i * (module + 60);
            draw(g, invoices[i].left(), module, 40, top);
            draw(g, invoices[i].right(), module, 80 + module, top);
        }
        g.dispose();
        return png(degrees == 0 ? image : rotated(image, degrees));
    }

    /** A plain picture with no code: a paper receipt, drawn from a seed. */
    public static byte[] paperReceipt(int seed) {
        BufferedImage image = new BufferedImage(300, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 400);
        java.util.Random random = new java.util.Random(seed);
        g.setColor(Color.BLACK);
        for (int i = 0; i < 30; i++) {
            g.fillRect(random.nextInt(260), random.nextInt(380), 10 + random.nextInt(30), 4 + random.nextInt(12));
        }
        g.dispose();
        return png(image);
    }

    /** The same paper receipt photographed again: slightly brighter and shifted by a pixel. */
    public static byte[] retaken(byte[] png) {
        try {
            BufferedImage source = ImageIO.read(new java.io.ByteArrayInputStream(png));
            BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(new Color(250, 250, 250));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(source, 1, 1, null);
            g.dispose();
            return png(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void draw(Graphics2D g, String text, int size, int x, int y) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(new String(text.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1), BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1",
                            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
        g.setColor(Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    g.fillRect(x + col, y + row, 1, 1);
                }
            }
        }
    }

    private static BufferedImage rotated(BufferedImage image, double degrees) {
        int size = (int) Math.ceil(Math.hypot(image.getWidth(), image.getHeight()));
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        AffineTransform turn = new AffineTransform();
        turn.translate(size / 2.0, size / 2.0);
        turn.rotate(Math.toRadians(degrees));
        turn.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
        g.drawImage(image, turn, null);
        g.dispose();
        return out;
    }

    /** The picture blurred by a box of {@code radius}: an unsteady hand. */
    public static byte[] blurred(byte[] png, int radius) {
        int size = radius * 2 + 1;
        float[] kernel = new float[size * size];
        java.util.Arrays.fill(kernel, 1f / kernel.length);
        return png(new java.awt.image.ConvolveOp(new java.awt.image.Kernel(size, size, kernel),
                java.awt.image.ConvolveOp.EDGE_NO_OP, null).filter(read(png), null));
    }

    /** Greys squeezed into [low, high]: a faded thermal print. */
    public static byte[] faded(byte[] png, int low, int high) {
        BufferedImage image = read(png);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = low + (image.getRGB(x, y) & 0xff) * (high - low) / 255;
                out.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
        return png(out);
    }

    private static BufferedImage read(byte[] png) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
