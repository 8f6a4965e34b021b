package org.agencyworkspace.officialdocs.flow;

import java.time.Clock;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.files.delivery.WatermarkProperties;
import org.agencyworkspace.officialdocs.SigningSetup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The flow's signing tools, its document files and its PDF writer, all in the watermark's CJK
 * font. People's keys are kept under {@code <data-dir>/signing/custody}, one encrypted file each.
 */
@Configuration(proxyBeanMethods = false)
class OfficialDocumentsConfiguration {

    @Bean(destroyMethod = "close")
    DocumentSigning documentSigning(SigningSetup setup, OfficialDocumentsProperties properties,
            WorkspaceProperties workspace, WatermarkProperties watermark, Clock clock) {
        return new DocumentSigning(setup, properties,
                new DirectoryCustodyStore(workspace.dataDir().resolve("signing").resolve("custody")), font(watermark),
                workspace.timeZone(), clock);
    }

    @Bean
    DocumentFiles documentFiles(WorkspaceProperties workspace) {
        return new DocumentFiles(workspace.dataDir().resolve("official-documents"));
    }

    @Bean
    DocumentRenderer documentRenderer(WatermarkProperties watermark, WorkspaceProperties workspace) {
        return new DocumentRenderer(font(watermark), workspace.timeZone());
    }

    private static CjkFont font(WatermarkProperties watermark) {
        return watermark.fontFile() != null ? new CjkFont(watermark.fontFile(), watermark.fontFace())
                : CjkFont.firstInstalled();
    }
}
