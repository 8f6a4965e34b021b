package org.agencyworkspace.chat.builtin;

import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.ChatCommands;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code !help}: every command with its usage and what it does, registered ones included. */
@Component
public class HelpCommand implements ChatCommand {

    private final ObjectProvider<ChatCommands> commands;
    private final NotificationTemplates texts;

    public HelpCommand(ObjectProvider<ChatCommands> commands, NotificationTemplates texts) {
        this.commands = commands;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "!help";
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help.help", Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        StringBuilder text = new StringBuilder(texts.text("chat.help.header", Map.of(),
                context.locale()));
        for (ChatCommand command : commands.getObject().all()) {
            text.append('\n').append(command.usage()).append(" — ")
                    .append(command.description(context.locale()));
        }
        return CommandResult.done(text.toString());
    }
}
