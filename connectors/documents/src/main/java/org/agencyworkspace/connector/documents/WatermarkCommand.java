package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.agencyworkspace.connector.ConnectorException;

/**
 * {@code bin/workspace watermark --label LEVEL --viewer NAME [--user-id ID] [--document-id ID]
 * [--delivery-id ID] IN OUT}: the operators' way to hand out one marked copy. OUT appears only
 * when every page is marked; on any refusal it is not created. LEVEL is one of the levels the
 * command is given: the application's configured ones when run by {@code bin/workspace}, the
 * shipped ones when this jar runs on its own.
 * Exit status 0 done, 2 wrong usage or unknown label, 3 document refused, 1 anything else.
 *
 * <p>{@code ... --out-dir DIR IN...} marks a batch in one JVM: each IN a file or a folder (its
 * PDF and Office files, not its subfolders), each copy written to DIR under the input's name
 * ({@code .pdf} for Office files), each with its own delivery id and a result line. DIR must be
 * new or empty, so that it holds exactly the copies of this batch: a refused file leaves nothing
 * there. Exit status as above for the worst outcome of the batch (1 before 3).
 *
 * <p>Environment: {@code WORKSPACE_OFFICE_HOME} (LibreOffice, default {@code /usr/lib/libreoffice})
 * for Office files; {@code WORKSPACE_WATERMARK_FONTFILE} and {@code WORKSPACE_WATERMARK_FONTFACE} for
 * another font than the default search list; {@code WORKSPACE_WATERMARK_QPDFCHECK=true} to have
 * qpdf check every copy too.
 */
public final class WatermarkCommand {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;

    private static final String USAGE_TEXT = "usage: bin/workspace watermark --label LEVEL --viewer NAME"
            + " [--user-id ID] [--document-id ID] [--delivery-id ID] IN OUT\n"
            + "   or: bin/workspace watermark --label LEVEL --viewer NAME [--user-id ID]"
            + " --out-dir DIR IN...\n  each IN a file or a folder of files, each marked into DIR (new or empty)"
            + "\n  LEVEL: ";
    private static final List<String> OPTIONS = List.of("--label", "--viewer",
            "--user-id", "--document-id", "--delivery-id", "--out-dir");
    /** What a folder given to a batch contributes: the files the engine can mark, by their extension. */
    private static final List<String> EXTENSIONS = java.util.Arrays.stream(DocumentType.values())
            .map(type -> "." + type.extension()).toList();

    private final List<BannerLevel> levels;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    WatermarkCommand(List<BannerLevel> levels, Map<String, String> environment, PrintStream out,
            PrintStream err) {
        this.levels = List.copyOf(levels);
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

    /** This jar on its own: the shipped levels. */
    public static void main(String[] args) {
        System.exit(run(ClassificationLevel.shipped(), args));
    }

    /** Runs the command with {@code levels}; returns its exit status. */
    public static int run(List<BannerLevel> levels, String[] args) {
        return run(levels, args, System.out, System.err);
    }

    /** Runs the command with {@code levels}, reporting to {@code out} and {@code err}. */
    public static int run(List<BannerLevel> levels, String[] args, PrintStream out, PrintStream err) {
        PDFBOX_LOG.setLevel(Level.OFF);
        return new WatermarkCommand(levels, System.getenv(), out, err).run(args);
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
        boolean batch = options.containsKey("--out-dir");
        if (!options.containsKey("--label") || !options.containsKey("--viewer")
                || (batch ? paths.isEmpty() : paths.size() != 2)) {
            return usage(batch ? "--label, --viewer and at least one IN are required"
                    : "--label, --viewer, IN and OUT are required");
        }
        if (batch && (options.containsKey("--document-id") || options.containsKey("--delivery-id"))) {
            return usage("a batch gives each file its own document and delivery id: leave out --document-id"
                    + " and --delivery-id");
        }
        String label = options.get("--label");
        String banner;
        BannerStyle style;
        try {
            BannerLevel level = BannerLevel.find(levels, label);
            banner = level.banner();
            style = level.style();
        } catch (DocumentRejectedException e) {
            return usage(e.getMessage());
        }
        if (batch) {
            return batch(options, paths, banner, style);
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

    /** One marked copy of a batch: its input, and where its copy goes. */
    private record Item(Path in, Path out) {
    }

    /** What became of one item of a batch, and the line that tells the operator. */
    private record Outcome(Kind kind, String line) {
        enum Kind { MARKED, REFUSED, FAILED }
    }

    private static final int PRINTED_TOGETHER = 8;

    private static Outcome mark(Watermarker watermarker, Item item, String banner, String viewer, String userId,
            BannerStyle style) {
        Marking marking = new Marking(banner, viewer, userId, OffsetDateTime.now(),
                String.valueOf(item.in().getFileName()), UUID.randomUUID().toString(), style);
        try {
            watermarker.watermark(marking, item.in(), item.out());
            return new Outcome(Outcome.Kind.MARKED, "watermarked " + item.in() + " -> " + item.out()
                    + " (delivery " + marking.deliveryId() + ")");
        } catch (DocumentRejectedException e) {
            return new Outcome(Outcome.Kind.REFUSED, "refused " + item.in() + ": " + e.getMessage());
        } catch (ConnectorException | IllegalStateException | UncheckedIOException e) {
            return new Outcome(Outcome.Kind.FAILED, "failed " + item.in() + ": " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(Outcome.Kind.FAILED, "failed " + item.in() + ": " + e);
        }
    }

    private int batch(Map<String, String> options, List<String> names, String banner, BannerStyle style) {
        List<Item> items;
        try {
            Path folder = checkedPath(options.get("--out-dir"), "DIR");
            items = items(names, folder);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> present = Files.list(folder)) {
                    if (present.findAny().isPresent()) {
                        return usage("DIR " + folder + " must be new or empty");
                    }
                }
            } else {
                Files.createDirectories(folder);
            }
        } catch (DocumentRejectedException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("workspace: watermark failed: " + e.getMessage());
            return FAILED;
        }
        String viewer = options.get("--viewer");
        String userId = options.getOrDefault("--user-id", viewer);
        int marked = 0;
        int refused = 0;
        int failed = 0;
        try (Watermarker watermarker = watermarker()) {
            // Small files are marked side by side (a file's pages already are); the outcomes are
            // printed in input order, a few files at a time so a long batch shows its progress.
            for (int from = 0; from < items.size(); from += PRINTED_TOGETHER) {
                List<Item> chunk = items.subList(from, Math.min(items.size(), from + PRINTED_TOGETHER));
                for (Outcome outcome : InParallel.map(chunk, item -> mark(watermarker, item, banner, viewer,
                        userId, style))) {
                    switch (outcome.kind()) {
                        case MARKED -> {
                            out.println(outcome.line());
                            marked++;
                        }
                        case REFUSED -> {
                            err.println(outcome.line());
                            refused++;
                        }
                        case FAILED -> {
                            err.println(outcome.line());
                            failed++;
                        }
                    }
                }
            }
        } catch (IllegalStateException | IOException e) {
            // the font or LibreOffice could not be opened, or the font not closed
            err.println("workspace: watermark failed: " + e.getMessage());
            return FAILED;
        }
        out.println(marked + " marked, " + refused + " refused, " + failed + " failed (label "
                + Names.printable(options.get("--label")) + ", for " + viewer + ")");
        return failed > 0 ? FAILED : refused > 0 ? REFUSED : DONE;
    }

    /**
     * The batch's inputs in the order given, each folder's marked files by name; two inputs that
     * would write the same copy are a usage error, found before anything is marked.
     */
    private static List<Item> items(List<String> names, Path folder) throws IOException {
        List<Path> inputs = new ArrayList<>();
        for (String name : names) {
            Path in = checkedPath(name, "IN");
            if (Files.isDirectory(in)) {
                try (Stream<Path> files = Files.list(in)) {
                    files.filter(Files::isRegularFile).filter(WatermarkCommand::markable).sorted().forEach(inputs::add);
                }
            } else if (Files.isRegularFile(in)) {
                inputs.add(in);
            } else {
                throw Names.invalid("no such file or folder: " + in);
            }
        }
        Map<Path, Path> byOutput = new HashMap<>();
        List<Item> items = new ArrayList<>();
        for (Path in : inputs) {
            Path out = folder.resolve(pdfName(in.getFileName().toString()));
            Path earlier = byOutput.putIfAbsent(out, in);
            if (earlier != null) {
                throw Names.invalid(earlier + " and " + in + " would both be written to " + out);
            }
            items.add(new Item(in, out));
        }
        if (items.isEmpty()) {
            throw Names.invalid("no PDF or Office file among the inputs");
        }
        return items;
    }

    private static boolean markable(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name.toLowerCase(Locale.ROOT)::endsWith);
    }

    /** The copy's name: the input's, with {@code .pdf} in place of an Office extension. */
    private static String pdfName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().filter(lower::endsWith).findFirst()
                .map(extension -> name.substring(0, name.length() - extension.length()) + ".pdf").orElse(name);
    }

    private void writeMarked(Marking marking, Path in, Path out) throws IOException {
        try (Watermarker watermarker = watermarker()) {
            watermarker.watermark(marking, in, out);
        }
    }

    private Watermarker watermarker() {
        Watermarker.Builder builder = Watermarker.builder()
                .qpdfCheck(Boolean.parseBoolean(environment.get("WORKSPACE_WATERMARK_QPDFCHECK")));
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
        err.println(USAGE_TEXT + BannerLevel.codes(levels));
        return USAGE;
    }
}
