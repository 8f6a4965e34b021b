package org.agencyworkspace.connector.documents;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The workspace's default classification levels (the codes of
 * {@code workspace.identity.clearance-levels}) and the banner each one prints on every page, in
 * Chinese and English. 密 is a general official secret; 機密, 極機密 and 絕對機密 are the three
 * national-secret levels of 國家機密保護法 §4.
 */
public enum ClassificationLevel {
    UNMARKED("unmarked", "無密等 UNMARKED"),
    SECRET("secret", "密 SECRET"),
    CONFIDENTIAL("confidential", "機密 CONFIDENTIAL"),
    TOP_SECRET("top-secret", "極機密 TOP SECRET"),
    ABSOLUTELY_SECRET("absolutely-secret", "絕對機密 ABSOLUTELY SECRET");

    private final String code;
    private final String banner;

    ClassificationLevel(String code, String banner) {
        this.code = code;
        this.banner = banner;
    }

    /** The code used in settings and on the command line, e.g. {@code top-secret}. */
    public String code() {
        return code;
    }

    /** The text printed at the top and bottom of every page, e.g. {@code 密 SECRET}. */
    public String banner() {
        return banner;
    }

    /**
     * The level of {@code code}.
     *
     * @throws DocumentRejectedException {@link DocumentRejectedException.Reason#UNKNOWN_LABEL}
     *     naming the known codes
     */
    public static ClassificationLevel ofCode(String code) {
        return Arrays.stream(values()).filter(level -> level.code.equals(code)).findFirst()
                .orElseThrow(() -> new DocumentRejectedException(
                        DocumentRejectedException.Reason.UNKNOWN_LABEL,
                        "unknown label '" + Names.printable(code) + "' (known: " + knownCodes() + ")"));
    }

    static String knownCodes() {
        return Arrays.stream(values()).map(ClassificationLevel::code)
                .collect(Collectors.joining(", "));
    }
}
