package org.agencyworkspace.connector.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.agencyworkspace.connector.documents.DocumentRejectedException.Reason;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The seeded fuzzing run: case {@code i} of seed {@code s} is made from its own
 * {@code Random(s, i)}, so any one case can be made again alone. Each case is a small generated
 * document with up to two {@link HostilePdfs} attacks (or none and maybe an earlier revision),
 * saved with or without compression, then (three times in four) damaged by up to three
 * {@link PdfDamage} kinds. The engine must either refuse it with a {@link DocumentRejectedException}
 * and write nothing, or hand out a copy that {@link PopplerView} finds marked on every page.
 * Anything else (another exception, bytes written before a refusal, an unmarked page) is an escape.
 */
final class WatermarkFuzz {

    /** The outcome of a run. */
    record Tally(long seed, int tried, int marked, Map<Reason, Integer> refused, List<String> escapes) {

        int refusedTotal() {
            return refused.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One generated input and how it was made. */
    record Case(int index, String recipe, byte[] pdf) {
    }

    private WatermarkFuzz() {
    }

    /** The seed of {@code fuzz.seed} when given (to replay a failure), else a new one each run. */
    static long seed() {
        String fixed = System.getProperty("fuzz.seed");
        return fixed == null || fixed.isBlank() ? System.nanoTime() : Long.parseLong(fixed.strip());
    }

    static Tally run(Watermarker watermarker, long seed, int first, int count, Path work) {
        Map<Reason, Integer> refused = new TreeMap<>();
        List<String> escapes = new ArrayList<>();
        int marked = 0;
        for (int index = first; index < first + count; index++) {
            Case input = make(seed, index);
            String problem;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                watermarker.watermark(Marked.MARKING, new ByteArrayInputStream(input.pdf()), out);
                problem = marked(out.toByteArray(), work);
                if (problem == null) {
                    marked++;
                }
            } catch (DocumentRejectedException e) {
                refused.merge(e.reason(), 1, Integer::sum);
                problem = out.size() == 0 ? null : "refused after writing " + out.size() + " bytes";
            } catch (RuntimeException | StackOverflowError e) {
                problem = "not a clean refusal: " + e;
            }
            if (problem != null) {
                escapes.add("case " + index + " (" + input.recipe() + "): " + problem);
            }
        }
        return new Tally(seed, count, marked, refused, escapes);
    }

    /** Case {@code index} of {@code seed}. */
    static Case make(long seed, int index) {
        Random random = new Random(seed * 1_000_003L + index);
        List<String> recipe = new ArrayList<>();
        PDDocument document = HostilePdfs.base(random);
        int[] attacks = random.ints(random.nextInt(3), 0, HostilePdfs.ATTACKS.size()).sorted().distinct().toArray();
        for (int attack : attacks) {
            HostilePdfs.ATTACKS.get(attack).apply().accept(document, random);
            recipe.add(HostilePdfs.ATTACKS.get(attack).name());
        }
        // an earlier revision of an intact document (the attacks may leave no page to revise)
        boolean revised = attacks.length == 0 && random.nextInt(4) == 0;
        if (revised) {
            HostilePdfs.plantSecretInContent(document);
        }
        byte[] pdf = HostilePdfs.save(document, random);
        if (revised) {
            pdf = HostilePdfs.withEarlierRevision(pdf);
            recipe.add("earlier revision");
        }
        if (random.nextInt(4) != 0) {
            for (int kinds = 1 + random.nextInt(3); kinds > 0; kinds--) {
                PdfDamage.Kind kind = PdfDamage.KINDS.get(random.nextInt(PdfDamage.KINDS.size()));
                pdf = kind.apply().apply(pdf, random);
                recipe.add(kind.name());
            }
        }
        return new Case(index, recipe.isEmpty() ? "intact" : String.join(", ", recipe), pdf);
    }

    /** Null when poppler and qpdf see the copy marked on every page; else what is wrong. */
    private static String marked(byte[] pdf, Path work) {
        try {
            Path folder = Files.createTempDirectory(work, "case-");
            Path file = Files.write(folder.resolve("marked.pdf"), pdf);
            List<String> problems = PopplerView.problems(file, Marked.MARKING.banner(), Marked.MARKING.deliveryId(),
                    folder);
            deleteTree(folder);
            return problems.isEmpty() ? null : String.join("; ", problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
