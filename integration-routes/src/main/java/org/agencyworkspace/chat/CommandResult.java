package org.agencyworkspace.chat;

import java.util.Objects;

/**
 * What a command answers.
 *
 * @param success whether it acted (audited as success) or refused (audited as failure)
 * @param text the answer, in the sender's language
 */
public record CommandResult(boolean success, String text) {

    public CommandResult {
        Objects.requireNonNull(text, "text");
    }

    public static CommandResult done(String text) {
        return new CommandResult(true, text);
    }

    public static CommandResult refused(String text) {
        return new CommandResult(false, text);
    }
}
