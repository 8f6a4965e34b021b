package org.agencyworkspace.chat;

import java.util.Locale;

/**
 * A command people type in chat, {@code !name arguments}: the extension point later workflows
 * register into. Declare an implementation as a Spring bean and the bot answers it; the name must
 * be unique. The bot has already mapped the sender to an enabled workspace user and checked
 * {@link #requiredRole()} before {@link #handle} is called, and it audits every outcome.
 */
public interface ChatCommand {

    /** Lower-case name without the {@code !}, e.g. {@code approve}. */
    String name();

    /** How to call it, e.g. {@code !approve <id>}. */
    String usage();

    /** One line saying what it does, in the language asked for. */
    String description(Locale locale);

    /** The role the sender must hold; null lets every enabled member of staff use it. */
    default String requiredRole() {
        return null;
    }

    /**
     * Acts on the command. Must be safe to run again for the same event (it is, after a crash
     * before the answer was posted): check state rather than assume it.
     *
     * @return the answer posted in the thread of the command, and whether it succeeded
     */
    CommandResult handle(CommandContext context);
}
