package org.agencyworkspace.files.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.documents.BundleItem;
import org.agencyworkspace.connector.documents.BundleRequest;
import org.agencyworkspace.connector.documents.DocumentRejectedException;
import org.agencyworkspace.connector.documents.Thumbnailer;
import org.springframework.beans.factory.DisposableBean;

/**
 * The documents connector's watermark engine behind the delivery seam. The engine is opened on
 * first use, so a workspace without the CJK font still starts; until the font is installed no
 * labelled file leaves (fail closed) and each attempt says what is missing.
 */
public class DocumentsCopyMarker implements CopyMarker, DisposableBean {

    private final Supplier<org.agencyworkspace.connector.documents.Watermarker> engineFactory;
    private final Thumbnailer thumbnailer;
    private final ZoneId zone;
    private org.agencyworkspace.connector.documents.Watermarker engine;

    /**
     * @param engineFactory opens the engine (loads the font)
     * @param thumbnailer draws thumbnails of marked copies
     * @param zone the time zone the mark's time is printed in
     */
    public DocumentsCopyMarker(
            Supplier<org.agencyworkspace.connector.documents.Watermarker> engineFactory,
            Thumbnailer thumbnailer, ZoneId zone) {
        this.engineFactory = engineFactory;
        this.thumbnailer = thumbnailer;
        this.zone = zone;
    }

    @Override
    public void watermark(Path original, String fileName, Marking marking, Path pdf) {
        refusalsNamed(fileName, () -> engine().watermark(connectorMarking(marking), original, pdf));
    }

    @Override
    public void bundle(String title, List<BundlePart> parts, Marking marking, Path pdf) {
        refusalsNamed(title, () -> engine().bundle(new BundleRequest(title, parts.stream()
                .map(part -> new BundleItem(part.name(), part.original(), part.banner()))
                .toList(), connectorMarking(marking)), pdf));
    }

    @Override
    public void thumbnail(Path markedPdf, Path png) {
        refusalsNamed(markedPdf.getFileName().toString(), () -> {
            try (OutputStream out = Files.newOutputStream(png)) {
                thumbnailer.thumbnail(markedPdf, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the thumbnail " + png, e);
            }
        });
    }

    /**
     * A registered copy's number goes into the banner: copies carry their serial (國家機密保護法
     * §18). Unregistered marks (an ordinary file's thumbnail) have none.
     */
    private org.agencyworkspace.connector.documents.Marking connectorMarking(Marking marking) {
        String banner = marking.copyNumber() == 0 ? marking.banner() : marking.banner() + " · 第 "
                + marking.copyNumber() + " 份 COPY " + marking.copyNumber();
        return new org.agencyworkspace.connector.documents.Marking(banner,
                marking.viewerName(), marking.viewerId(), marking.at().atZone(zone).toOffsetDateTime(),
                marking.documentId(), marking.deliveryId());
    }

    /**
     * Runs {@code work}, turning the engine's refusals into {@link WatermarkFailedException}: the
     * file's fault (corrupt, password, too large) or the workspace's (its own bad input, no font,
     * LibreOffice down).
     */
    private static void refusalsNamed(String name, Runnable work) {
        try {
            work.run();
        } catch (DocumentRejectedException e) {
            boolean fileAtFault = e.reason() != DocumentRejectedException.Reason.INVALID_NAME
                    && e.reason() != DocumentRejectedException.Reason.UNKNOWN_LABEL;
            throw new WatermarkFailedException(name + ": " + e.getMessage(), fileAtFault, e);
        } catch (ConnectorException | IllegalStateException | UncheckedIOException e) {
            throw new WatermarkFailedException(e.getMessage(), false, e);
        }
    }

    private synchronized org.agencyworkspace.connector.documents.Watermarker engine() {
        if (engine == null) {
            engine = engineFactory.get();
        }
        return engine;
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }
}
