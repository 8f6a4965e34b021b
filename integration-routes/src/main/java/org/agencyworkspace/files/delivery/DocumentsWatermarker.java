package org.agencyworkspace.files.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.documents.DocumentRejectedException;
import org.springframework.beans.factory.DisposableBean;

/**
 * The documents connector's watermark engine behind the delivery seam. The engine is opened on
 * first use, so a workspace without the CJK font still starts; until the font is installed no
 * labelled file leaves (fail closed) and each attempt says what is missing.
 */
public class DocumentsWatermarker implements Watermarker, DisposableBean {

    private final Supplier<org.agencyworkspace.connector.documents.Watermarker> engineFactory;
    private final ZoneId zone;
    private org.agencyworkspace.connector.documents.Watermarker engine;

    /**
     * @param engineFactory opens the engine (loads the font)
     * @param zone the time zone the mark's time is printed in
     */
    public DocumentsWatermarker(
            Supplier<org.agencyworkspace.connector.documents.Watermarker> engineFactory, ZoneId zone) {
        this.engineFactory = engineFactory;
        this.zone = zone;
    }

    @Override
    public void watermark(Path original, String fileName, Marking marking, Path pdf) {
        org.agencyworkspace.connector.documents.Marking mark;
        try {
            // The copy's number goes into the banner: copies carry their serial (§18).
            mark = new org.agencyworkspace.connector.documents.Marking(
                    marking.banner() + " · 第 " + marking.copyNumber() + " 份 COPY "
                            + marking.copyNumber(),
                    marking.viewerName(), marking.viewerId(), marking.at().atZone(zone).toOffsetDateTime(),
                    marking.documentId(), marking.deliveryId());
            engine().watermark(mark, original, pdf);
        } catch (DocumentRejectedException e) {
            boolean fileAtFault = e.reason() != DocumentRejectedException.Reason.INVALID_NAME
                    && e.reason() != DocumentRejectedException.Reason.UNKNOWN_LABEL;
            throw new WatermarkFailedException(fileName + ": " + e.getMessage(), fileAtFault, e);
        } catch (ConnectorException | IllegalStateException e) {
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
