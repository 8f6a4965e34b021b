package org.agencyworkspace.files.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Supplier;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.manage.FileOperations;
import org.agencyworkspace.files.shares.FileSharing;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.ShareRequest;
import org.agencyworkspace.files.store.SharingUnavailableException;
import org.springframework.format.annotation.DateTimeFormat;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The file page's organising actions (new folder, rename, move, copy, delete, the trash and
 * search, the share dialog), through {@link FileOperations} and {@link FileBrowser} as the API's are: the same
 * checks, audit and events. A refusal comes back to the folder as the reason, in a notice.
 */
@Controller
public class FileActionsPageController {

    private final FileOperations operations;
    private final FileBrowser browser;
    private final ClassificationScheme scheme;
    private final MessageSource messages;
    private final FileSharing sharing;

    public FileActionsPageController(FileOperations operations, FileBrowser browser,
            ClassificationScheme scheme, @Qualifier("messageSource") MessageSource messages,
            FileSharing sharing) {
        this.sharing = sharing;
        this.operations = operations;
        this.browser = browser;
        this.scheme = scheme;
        this.messages = messages;
    }

    @PostMapping("/files/folder")
    public String createFolder(@RequestParam String path, @RequestParam String name,
            RedirectAttributes redirect, Locale locale) {
        FilePath folder = FilePath.of(path);
        return done(folder, redirect, locale, "files.folderCreated", name,
                () -> operations.createFolder(folder, name, user()));
    }

    @PostMapping("/files/rename")
    public String rename(@RequestParam String path, @RequestParam String name,
            RedirectAttributes redirect, Locale locale) {
        FilePath item = FilePath.of(path);
        return done(parentOf(item), redirect, locale, "files.renamed", name,
                () -> operations.rename(item, name, user()));
    }

    @PostMapping("/files/move")
    public String move(@RequestParam String path, @RequestParam String to,
            RedirectAttributes redirect, Locale locale) {
        FilePath item = FilePath.of(path);
        return done(parentOf(item), redirect, locale, "files.moved", item.name(),
                () -> operations.move(item, FilePath.of(to), user()));
    }

    @PostMapping("/files/copy")
    public String copy(@RequestParam String path, @RequestParam String to,
            RedirectAttributes redirect, Locale locale) {
        FilePath item = FilePath.of(path);
        return done(parentOf(item), redirect, locale, "files.copied", item.name(),
                () -> operations.copy(item, FilePath.of(to), user()));
    }

    @PostMapping("/files/delete")
    public String delete(@RequestParam String path, @RequestParam(required = false) String reason,
            RedirectAttributes redirect, Locale locale) {
        FilePath item = FilePath.of(path);
        return done(parentOf(item), redirect, locale, "files.deleted", item.name(),
                () -> operations.delete(item, reason, user()));
    }

    /**
     * A share from the share dialog; only the kinds the level allows are offered, and the share
     * guard's reason is shown when the store or the level refuses one.
     */
    @PostMapping("/files/share")
    public String share(@RequestParam String path, @RequestParam FileShare.Type type,
            @RequestParam(required = false) String sharedWith,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expires,
            RedirectAttributes redirect, Locale locale) {
        FilePath item = FilePath.of(path);
        try {
            FileShare made = sharing.create(item, new ShareRequest(type,
                    sharedWith == null || sharedWith.isBlank() ? null : sharedWith.strip(), expires, null),
                    user());
            redirect.addFlashAttribute("notice", messages.getMessage("files.shared",
                    new Object[] {item.name(), made.sharedWith() == null
                            ? messages.getMessage("files.share.PUBLIC_LINK", null, locale)
                            : made.sharedWith()}, locale));
        } catch (FileSharing.ShareRefusedException | SharingUnavailableException
                | IllegalArgumentException e) {
            redirect.addFlashAttribute("error", messages.getMessage("files.notDone",
                    new Object[] {e.getMessage()}, locale));
        }
        redirect.addAttribute("path", parentOf(item).toString());
        return "redirect:/files";
    }

    @GetMapping("/files/trash")
    public String trash(Model model) {
        model.addAttribute("trashed", operations.trash(user()));
        model.addAttribute("login", user().login());
        return "files/trash";
    }

    @PostMapping("/files/trash/{id}/restore")
    public String restore(@PathVariable String id, RedirectAttributes redirect, Locale locale) {
        try {
            String path = operations.restore(id, user()).path().toString();
            redirect.addFlashAttribute("notice", messages.getMessage("files.restored",
                    new Object[] {path}, locale));
        } catch (RefusedException e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
        }
        return "redirect:/files/trash";
    }

    @GetMapping("/files/search")
    public String search(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String level, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("level", level == null ? "" : level);
        model.addAttribute("levels", scheme.levels());
        java.util.List<FileEntry> results = q.isBlank() && (level == null || level.isBlank())
                ? java.util.List.of() : browser.search(q, level, user());
        model.addAttribute("results", results);
        model.addAttribute("folders", results.stream().collect(java.util.stream.Collectors.toMap(
                FileEntry::path, entry -> parentOf(FilePath.of(entry.path())).toString())));
        return "files/search";
    }

    private String done(FilePath back, RedirectAttributes redirect, Locale locale, String notice,
            String name, Supplier<?> action) {
        try {
            action.get();
            redirect.addFlashAttribute("notice", messages.getMessage(notice, new Object[] {name},
                    locale));
        } catch (RefusedException e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
        }
        redirect.addAttribute("path", back.toString());
        return "redirect:/files";
    }

    private String refusal(RefusedException e, Locale locale) {
        return messages.getMessage("files.notDone", new Object[] {String.join("; ", e.problems())},
                locale);
    }

    private static FilePath parentOf(FilePath item) {
        return item.parent().orElse(FilePath.root());
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new IllegalStateException("not signed in"));
    }
}
