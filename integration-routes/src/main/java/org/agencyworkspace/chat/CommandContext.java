package org.agencyworkspace.chat;

import java.util.List;
import java.util.Locale;

/**
 * One command as received.
 *
 * @param login the workspace user who sent it
 * @param matrixUserId their Matrix id
 * @param roomId the room it was sent in
 * @param eventId its event id; the answer is threaded under it
 * @param arguments the words after the command name
 * @param argumentText everything after the command name, as typed (for free-text reasons)
 * @param locale the sender's language
 */
public record CommandContext(String login, String matrixUserId, String roomId, String eventId,
        List<String> arguments, String argumentText, Locale locale) {

    public CommandContext {
        arguments = List.copyOf(arguments);
    }
}
