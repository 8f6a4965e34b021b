package org.agencyworkspace.officialdocs.flow;

/** The templates a document is drafted from. */
public enum DocumentKind {
    /** 簽: an internal memo to superiors. */
    SIGN("簽"),
    /** 函: an outgoing letter to another agency. */
    LETTER("函");

    private final String nameZh;

    DocumentKind(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
