package org.agencyworkspace.connector.signing;

import java.util.Objects;

/**
 * What the visible signature block on the page says besides the time: who signed, their title, and
 * the approval step the signature stands for (for example 核稿 review or 決行 final approval).
 */
public record SignatureBlock(String name, String title, String step) {

    public SignatureBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(step, "step");
        title = title == null ? "" : title;
    }
}
