package org.agencyworkspace.files.classification;

/** What someone wants to do with a file; each is decided by {@link AccessPolicy}. */
public enum FileAction {
    /** See its content in any form: preview, thumbnail, viewer, editor. */
    READ,
    /** Take a (watermarked) copy away. */
    DOWNLOAD,
    /** Print from the viewer or editor. */
    PRINT,
    /** Copy text out, or export it into a bundle. */
    COPY,
    /** Have a public link. */
    PUBLIC_LINK,
    /** Be shared outside the agency (e-mail, federated). */
    EXTERNAL_SHARE
}
