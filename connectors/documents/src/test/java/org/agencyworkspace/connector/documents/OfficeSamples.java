package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small Office documents holding {@link #TEXT}: docx, xlsx and odt written part by part, pptx
 * exported by the real LibreOffice from a flat ODF presentation (a hand-written pptx needs a
 * master, a layout and a theme).
 */
final class OfficeSamples {

    static final String TEXT = "Budget 2027 預算";

    private static final String CONTENT_TYPES = "[Content_Types].xml";
    private static final String RELS = "_rels/.rels";
    private static final String OFFICE_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    private OfficeSamples() {
    }

    static Path docx(Path folder) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(CONTENT_TYPES, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        parts.put(RELS, relationships("word/document.xml"));
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>" + TEXT + "</w:t></w:r></w:p></w:body></w:document>");
        return zip(folder.resolve("sample.docx"), parts, false);
    }

    static Path xlsx(Path folder) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(CONTENT_TYPES, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        parts.put(RELS, relationships("xl/workbook.xml"));
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + TEXT + "</t></is></c></row></sheetData></worksheet>");
        return zip(folder.resolve("sample.xlsx"), parts, false);
    }

    static Path odt(Path folder) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("mimetype", "application/vnd.oasis.opendocument.text");
        parts.put("META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
        parts.put("content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:text><text:p>" + TEXT
                + "</text:p></office:text></office:body></office:document-content>");
        return zip(folder.resolve("sample.odt"), parts, true);
    }

    /**
     * An odt that reaches outside itself: a section linked to {@code textFile}, and images linked
     * to {@code imageFile} and to {@code imageUrl}, around a paragraph of {@link #TEXT}.
     */
    static Path odtWithLinks(Path folder, Path textFile, Path imageFile, String imageUrl) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("mimetype", "application/vnd.oasis.opendocument.text");
        parts.put("META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
        parts.put("content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.2\">"
                + "<office:body><office:text><text:p>" + TEXT + "</text:p>"
                + "<text:section text:name=\"Linked\"><text:section-source xlink:href=\"" + textFile.toUri()
                + "\" xlink:type=\"simple\" text:filter-name=\"Text\"/><text:p>cached</text:p></text:section>"
                + odtImage("Remote", imageUrl) + odtImage("Local", imageFile.toUri().toString())
                + "</office:text></office:body></office:document-content>");
        return zip(folder.resolve("links.odt"), parts, true);
    }

    private static String odtImage(String name, String href) {
        return "<text:p><draw:frame draw:name=\"" + name + "\" text:anchor-type=\"as-char\" svg:width=\"2cm\" svg:height=\"2cm\">"
                + "<draw:image xlink:href=\"" + href + "\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>"
                + "</draw:frame></text:p>";
    }

    /**
     * A docx that reaches outside itself: an INCLUDETEXT field of {@code textFile}, and pictures
     * linked (not embedded) to {@code imageFile} and to {@code imageUrl}.
     */
    static Path docxWithLinks(Path folder, Path textFile, Path imageFile, String imageUrl) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(CONTENT_TYPES, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        parts.put(RELS, relationships("word/document.xml"));
        String image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
        parts.put("word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rIdRemote\" Type=\"" + image + "\" Target=\"" + imageUrl + "\" TargetMode=\"External\"/>"
                + "<Relationship Id=\"rIdLocal\" Type=\"" + image + "\" Target=\"" + imageFile.toUri() + "\" TargetMode=\"External\"/>"
                + "</Relationships>");
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>"
                + "<w:p><w:r><w:t>" + TEXT + "</w:t></w:r></w:p>"
                + "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> INCLUDETEXT \""
                + textFile.toUri() + "\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                + "<w:r><w:t>cached</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
                + docxPicture("rIdRemote", 1) + docxPicture("rIdLocal", 2) + "</w:body></w:document>");
        return zip(folder.resolve("links.docx"), parts, false);
    }

    private static String docxPicture(String relationship, int id) {
        return "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"720000\" cy=\"720000\"/><wp:docPr id=\"" + id + "\" name=\"P" + id + "\"/>"
                + "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
                + "<pic:nvPicPr><pic:cNvPr id=\"" + id + "\" name=\"P" + id + "\"/><pic:cNvPicPr/></pic:nvPicPr>"
                + "<pic:blipFill><a:blip r:link=\"" + relationship + "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
                + "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"720000\" cy=\"720000\"/></a:xfrm><a:prstGeom prst=\"rect\"/></pic:spPr>"
                + "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
    }

    /** Exports a flat ODF presentation to pptx with {@code office}'s soffice. */
    static Path pptx(Path folder, LibreOfficeInstallation office) throws IOException, InterruptedException {
        Path flat = Files.writeString(folder.resolve("sample.fodp"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
                + "office:version=\"1.2\" office:mimetype=\"application/vnd.oasis.opendocument.presentation\"><office:body><office:presentation>"
                + "<draw:page draw:name=\"one\"><draw:frame svg:x=\"2cm\" svg:y=\"2cm\" svg:width=\"20cm\" svg:height=\"3cm\"><draw:text-box><text:p>" + TEXT
                + "</text:p></draw:text-box></draw:frame></draw:page></office:presentation></office:body></office:document>", StandardCharsets.UTF_8);
        Process soffice = new ProcessBuilder(List.of(office.soffice().toString(), "--headless", "--norestore",
                "-env:UserInstallation=" + folder.resolve("sample-profile").toUri(), "--convert-to", "pptx",
                "--outdir", folder.toString(), flat.toString())).redirectErrorStream(true)
                .redirectOutput(folder.resolve("sample-soffice.log").toFile()).start();
        if (!soffice.waitFor(3, TimeUnit.MINUTES) || soffice.exitValue() != 0) {
            soffice.destroyForcibly();
            throw new IOException("soffice could not export the sample pptx");
        }
        return folder.resolve("sample.pptx");
    }

    private static String relationships(String target) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + OFFICE_DOC_REL + "\" Target=\"" + target + "\"/></Relationships>";
    }

    /** ODF wants its mimetype part first and stored uncompressed. */
    private static Path zip(Path target, Map<String, String> parts, boolean storeFirst) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            boolean first = true;
            for (Map.Entry<String, String> part : parts.entrySet()) {
                byte[] bytes = part.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(part.getKey());
                if (first && storeFirst) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
                first = false;
            }
        }
        return target;
    }
}
