package org.agencyworkspace.files.delivery;

import java.time.ZoneId;
import org.agencyworkspace.config.LibreOfficeProperties;
import org.agencyworkspace.connector.documents.LibreOfficeInstallation;
import org.agencyworkspace.connector.documents.OfficeConverter;
import org.agencyworkspace.connector.documents.Thumbnailer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The watermark engine of the documents connector, with Office conversion through LibreOffice
 * when {@code workspace.connectors.libreoffice.office-home} is set (without it, Office files
 * are refused and only PDFs are marked).
 */
@Configuration(proxyBeanMethods = false)
public class WatermarkConfiguration {

    @Bean
    DocumentsCopyMarker documentsWatermarker(WatermarkProperties properties,
            LibreOfficeProperties libreOffice) {
        return new DocumentsCopyMarker(() -> {
            var builder = org.agencyworkspace.connector.documents.Watermarker.builder()
                    .maxInputBytes(properties.maxInputMegabytes() * 1024L * 1024L)
                    .maxPages(properties.maxPages())
                    .qpdfCheck(properties.qpdfCheck());
            if (properties.fontFile() != null) {
                builder.fontFile(properties.fontFile()).fontFace(properties.fontFace());
            }
            if (libreOffice.isConfigured()) {
                builder.officeConverter(OfficeConverter.builder(
                        new LibreOfficeInstallation(libreOffice.officeHome())).build());
            }
            return builder.build();
        }, new Thumbnailer(properties.thumbnailWidth(), properties.thumbnailHeight()),
                ZoneId.systemDefault());
    }
}
