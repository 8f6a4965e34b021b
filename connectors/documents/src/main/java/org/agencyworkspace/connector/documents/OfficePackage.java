package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.ARCHIVE_BOMB;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.CORRUPT;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.UNSUPPORTED_TYPE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Looks inside an Office file (a zip package) before LibreOffice sees it: inflates every part,
 * counting the bytes it really expands to, so a zip bomb is refused however its directory lies,
 * and tells OOXML from ODF by the parts it holds.
 */
final class OfficePackage {

    private static final int MAX_ENTRIES = 10_000;
    private static final String ODF_MIME_PREFIX = "application/vnd.oasis.opendocument.";

    private OfficePackage() {
    }

    /**
     * The package's type, once every part has been inflated within the limit.
     *
     * @throws DocumentRejectedException ARCHIVE_BOMB beyond {@code maxExpandedBytes} or too many
     *     parts, CORRUPT when the zip cannot be read, UNSUPPORTED_TYPE for any other package
     */
    static DocumentType inspect(Path file, long maxExpandedBytes) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new DocumentRejectedException(ARCHIVE_BOMB, "more than " + MAX_ENTRIES + " parts");
            }
            Set<String> names = new HashSet<>();
            String odfMime = null;
            long expanded = 0;
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                names.add(entry.getName());
                try (InputStream part = zip.getInputStream(entry)) {
                    StringBuilder head = "mimetype".equals(entry.getName()) ? new StringBuilder() : null;
                    for (int n; (n = part.read(buffer)) > 0;) {
                        expanded += n;
                        if (expanded > maxExpandedBytes) {
                            throw new DocumentRejectedException(ARCHIVE_BOMB,
                                    "expands beyond " + maxExpandedBytes + " bytes");
                        }
                        if (head != null && head.length() < 100) {
                            head.append(new String(buffer, 0, Math.min(n, 100), StandardCharsets.US_ASCII));
                        }
                    }
                    if (head != null) {
                        odfMime = head.toString().trim();
                    }
                }
            }
            return typeOf(names, odfMime);
        } catch (IOException | IllegalArgumentException e) {
            throw new DocumentRejectedException(CORRUPT, "unreadable zip package: " + e.getMessage(), e);
        }
    }

    private static DocumentType typeOf(Set<String> names, String odfMime) {
        if (names.contains("[Content_Types].xml")) {
            if (names.contains("word/document.xml")) {
                return DocumentType.DOCX;
            }
            if (names.contains("xl/workbook.xml")) {
                return DocumentType.XLSX;
            }
            if (names.contains("ppt/presentation.xml")) {
                return DocumentType.PPTX;
            }
        }
        if (odfMime != null && odfMime.startsWith(ODF_MIME_PREFIX)) {
            switch (odfMime.substring(ODF_MIME_PREFIX.length())) {
                case "text":
                    return DocumentType.ODT;
                case "spreadsheet":
                    return DocumentType.ODS;
                case "presentation":
                    return DocumentType.ODP;
                default:
                    break;
            }
        }
        throw new DocumentRejectedException(UNSUPPORTED_TYPE,
                "a zip package that is not a docx, xlsx, pptx, odt, ods or odp document");
    }
}
