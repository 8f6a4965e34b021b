package org.agencyworkspace.connector.documents;

/** The kinds of document the watermark engine accepts, with the file extension LibreOffice needs. */
public enum DocumentType {
    PDF("pdf"),
    DOCX("docx"),
    XLSX("xlsx"),
    PPTX("pptx"),
    ODT("odt"),
    ODS("ods"),
    ODP("odp");

    private final String extension;

    DocumentType(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }
}
