package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agencyworkspace.connector.ConnectorException;

/**
 * {@code bin/workspace watermark --label LEVEL --viewer NAME [--banner TEXT] [--user-id ID] [--document-id ID]
 * [--delivery-id ID] IN OUT}: the operators' way to hand out one marked copy. OUT appears only
 * when every page is marked; on any refusal it is not created.
 * Exit status 0 done, 2 wrong usage or unknown label, 3 document refused, 1 anything else.
 *
 * <p>Environment: {@code WORKSPACE_OFFICE_HOME} (LibreOffice, default {@code /usr/lib/libreoffice})
 * for Office files; {@code WORKSPACE_WATERMARK_FONTFILE} and {@code WORKSPACE_WATERMARK_FONTFACE} for
 * another font than the default search list.
 */
public final class WatermarkCommand {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;

    private static final String USAGE_TEXT = "usage: bin/workspace watermark --label LEVEL --viewer NAME"
            + " [--banner TEXT] [--user-id ID] [--document-id ID] [--delivery-id ID] IN OUT\n  LEVEL: "
            + ClassificationLevel.knownCodes() + "\n  TEXT: the banner of a level the deployment"
            + " configured itself; then LEVEL may be any code";
    private static final List<String> OPTIONS = List.of("--label", "--viewer", "--banner",
            "--user-id", "--document-id", "--delivery-id");

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    WatermarkCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /**
     * PDFBox logs what it repairs in a damaged file, with stack traces, to the console through
     * java.util.logging; the operator gets the refusal's reason instead. Held here so the setting
     * is not collected with the logger.
     */
    private static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");

    public static void main(String[] args) {
        PDFBOX_LOG.setLevel(Level.OFF);
        System.exit(new WatermarkCommand(System.getenv(), System.out, System.err).run(args));
    }

    int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else if (args[i].startsWith("--")) {
                return usage("unknown or incomplete option " + Names.printable(args[i]));
            } else {
                paths.add(args[i]);
            }
        }
        if (!options.containsKey("--label") || !options.containsKey("--viewer") || paths.size() != 2) {
            return usage("--label, --viewer, IN and OUT are required");
        }
        String label = options.get("--label");
        String banner;
        BannerStyle style;
        try {
            // A deployment's own levels carry their banner with them; the shipped ones are known.
            if (options.containsKey("--banner")) {
                banner = Names.requirePrintable(options.get("--banner"), "banner");
                style = BannerStyle.DEFAULT;
            } else {
                ClassificationLevel level = ClassificationLevel.ofCode(label);
                banner = level.banner();
                style = level.style();
            }
        } catch (DocumentRejectedException e) {
            return usage(e.getMessage());
        }
        try {
            Path in = checkedPath(paths.get(0), "IN");
            Path out = checkedPath(paths.get(1), "OUT");
            String viewer = options.get("--viewer");
            Marking marking = new Marking(banner, viewer, options.getOrDefault("--user-id", viewer),
                    OffsetDateTime.now(), options.getOrDefault("--document-id", String.valueOf(in.getFileName())),
                    options.getOrDefault("--delivery-id", UUID.randomUUID().toString()), style);
            if (!Files.isRegularFile(in)) {
                err.println("workspace: watermark: no such file: " + in);
                return FAILED;
            }
            if (Files.exists(out) && Files.isSameFile(in, out)) {
                return usage("OUT must not be IN");
            }
            writeMarked(marking, in, out);
            this.out.println("watermarked " + out + " for " + viewer + " (label " + Names.printable(label)
                    + ", delivery " + marking.deliveryId() + ")");
            return DONE;
        } catch (DocumentRejectedException e) {
            err.println("workspace: watermark refused: " + e.getMessage());
            return REFUSED;
        } catch (ConnectorException | IllegalStateException | IOException e) {
            err.println("workspace: watermark failed: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException | StackOverflowError e) {
            // the engine refuses what it can name; anything else is still no stack trace for the operator
            err.println("workspace: watermark failed: " + e);
            return FAILED;
        }
    }

    private void writeMarked(Marking marking, Path in, Path out) throws IOException {
        try (Watermarker watermarker = watermarker()) {
            watermarker.watermark(marking, in, out);
        }
    }

    private Watermarker watermarker() {
        Watermarker.Builder builder = Watermarker.builder();
        String font = environment.get("WORKSPACE_WATERMARK_FONTFILE");
        if (font != null && !font.isBlank()) {
            builder.fontFile(Path.of(font)).fontFace(environment.get("WORKSPACE_WATERMARK_FONTFACE"));
        }
        LibreOfficeInstallation office = new LibreOfficeInstallation(
                Path.of(environment.getOrDefault("WORKSPACE_OFFICE_HOME", "/usr/lib/libreoffice")));
        if (office.probe().up()) {
            builder.officeConverter(OfficeConverter.builder(office).build());
        }
        return builder.build();
    }

    /** Refuses control characters and {@code ..} segments, which a caller could use to reach other files. */
    private static Path checkedPath(String name, String what) {
        Names.requirePrintable(name, what);
        Path path = Path.of(name);
        for (Path segment : path) {
            if ("..".equals(segment.toString())) {
                throw Names.invalid(what + " must not contain '..'");
            }
        }
        return path;
    }

    private int usage(String problem) {
        err.println("workspace: watermark: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
