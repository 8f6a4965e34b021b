package org.agencyworkspace.files.web;

import java.time.Instant;
import org.agencyworkspace.files.classification.Label;

/**
 * A file or folder as the API and the file pages show it. Someone who may not read it sees only
 * that a restricted item is there ({@link #restricted()}, every other field empty), and not even
 * that at levels that name who needs to know (national secrets).
 *
 * @param name its name; null when restricted
 * @param path its path; null when restricted
 * @param folder whether it is a folder; false when restricted
 * @param size bytes; 0 when restricted
 * @param contentType media type; null for a folder and when restricted
 * @param lastModified when it last changed; null when restricted
 * @param level its classification level code ({@code unmarked} when none); null when restricted
 * @param inherited whether the level comes from a folder above
 * @param label the label itself (reason, readers, classifier); null when unmarked or restricted
 * @param restricted whether this stands for an item the person may not read
 */
public record FileEntry(String name, String path, boolean folder, long size, String contentType,
        Instant lastModified, String level, boolean inherited, Label label, boolean restricted) {

    /** What someone who may not read an item is shown of it. */
    static final FileEntry RESTRICTED = new FileEntry(null, null, false, 0, null, null, null, false,
            null, true);
}
