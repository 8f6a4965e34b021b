package org.agencyworkspace.files.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the watermark engine that writes what it was asked to mark, so tests see which
 * banner and fingerprint went in (the engine itself is tested in connectors/documents). Like the
 * real one, it pictures only marked copies.
 */
public final class RecordingCopyMarker implements CopyMarker {

    final List<Marking> markings = new ArrayList<>();
    final List<List<BundlePart>> bundles = new ArrayList<>();
    /** Thrown by the next marking when set. */
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @Override
    public void watermark(Path original, String name, Marking marking, Path pdf) {
        failIfAsked();
        markings.add(marking);
        write(pdf, "%PDF marked " + marking.banner() + " " + marking.deliveryId());
    }

    @Override
    public void bundle(String title, List<BundlePart> parts, Marking marking, Path pdf) {
        failIfAsked();
        markings.add(marking);
        parts.forEach(part -> assertThat(part.original()).exists());
        bundles.add(parts);
        write(pdf, "%PDF bundle " + title + " " + marking.banner() + " " + marking.deliveryId());
    }

    @Override
    public void thumbnail(Path markedPdf, Path png) {
        try {
            String pdf = Files.readString(markedPdf);
            if (!pdf.startsWith("%PDF marked")) {
                throw new WatermarkFailedException("not a marked copy", false, null);
            }
            write(png, "PNG of " + pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void failIfAsked() {
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void write(Path target, String content) {
        try {
            Files.writeString(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
