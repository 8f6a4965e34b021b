package org.agencyworkspace.files.web;

import java.time.Instant;
import org.agencyworkspace.files.classification.Label;

/**
 * A file or folder as the API and the file pages show it.
 *
 * @param name its name
 * @param path its path
 * @param folder whether it is a folder
 * @param size bytes
 * @param contentType media type; null for a folder
 * @param lastModified when it last changed
 * @param level its classification level code ({@code unmarked} when none)
 * @param inherited whether the level comes from a folder above
 * @param label the label itself; null when unmarked
 */
public record FileEntry(String name, String path, boolean folder, long size, String contentType,
        Instant lastModified, String level, boolean inherited, Label label) {
}
