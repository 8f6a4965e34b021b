package org.agencyworkspace.connector.office;

/** What an editing session lets its user do with the document; the rest is refused or hidden. */
public enum EditorPermission {
    /** Change and save the document (else it opens read-only). */
    EDIT,
    /** Print from the editor. */
    PRINT,
    /** Download or export a copy (including Save As into another file). */
    EXPORT,
    /** Copy content out of the editor. */
    COPY
}
