package org.agencyworkspace.files.editing;

import java.util.Locale;

/** The browser editors the workspace can hand a file to. */
public enum EditorKind {
    /** Collabora Online (or CODE), over WOPI. */
    COLLABORA,
    /** ONLYOFFICE Docs, over its Docs API (config, callbacks). */
    ONLYOFFICE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
