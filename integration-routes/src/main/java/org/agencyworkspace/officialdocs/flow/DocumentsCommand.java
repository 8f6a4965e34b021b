package org.agencyworkspace.officialdocs.flow;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Component;

/**
 * {@code !docs}: the sender's document work queue, most urgent first, each with its link. Signing
 * stays on the page (a passphrase never goes through chat); a 密 document's subject is not
 * written here.
 */
@Component
class DocumentsCommand implements ChatCommand {

    private static final int LISTED = 10;

    private final OfficialDocuments documents;
    private final StaffDirectory directory;
    private final ClassificationScheme scheme;
    private final NotificationTemplates texts;
    private final String publicBase;

    DocumentsCommand(OfficialDocuments documents, StaffDirectory directory, ClassificationScheme scheme,
            NotificationTemplates texts, WorkspaceProperties workspace) {
        this.documents = documents;
        this.directory = directory;
        this.scheme = scheme;
        this.texts = texts;
        this.publicBase = workspace.publicBase();
    }

    @Override
    public String name() {
        return "docs";
    }

    @Override
    public String usage() {
        return "!docs";
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help.docs", Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        Locale locale = context.locale();
        // the directory's clearance, not a sign-in's: chat carries none, and the queue shows no more than titles
        WorkspaceUser sender = directory.find(context.login())
                .map(member -> new WorkspaceUser(member.login(), member.displayNameEn(), List.of(),
                        member.departments(), member.clearance()))
                .orElse(new WorkspaceUser(context.login(), context.login(), List.of(), List.of(), null));
        List<OfficialDocuments.QueueItem> queue = documents.queueOf(sender);
        StringBuilder list = new StringBuilder();
        queue.stream().limit(LISTED).forEach(item -> list.append('\n').append(texts.text("chat.docs.item", Map.of(
                "number", item.document().number(),
                "urgency", item.document().urgency().nameZh(),
                "step", item.step().step().nameZh(),
                "subject", scheme.unmarked().code().equals(item.document().level()) ? item.document().subject()
                        : scheme.level(item.document().level()).nameZh() + "件",
                "link", publicBase + "/official-documents/" + item.document().id()), locale)));
        return CommandResult.done(texts.text("chat.docs.list", Map.of("count", Integer.toString(queue.size()),
                "list", list.toString()), locale));
    }
}
