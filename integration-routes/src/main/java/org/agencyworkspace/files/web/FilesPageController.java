package org.agencyworkspace.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.editing.EditingProperties;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelAccessDeniedException;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The file pages: browse folders with their labels, label a file or folder, upload. */
@Controller
public class FilesPageController {

    /** One step of the folder path shown above the list. */
    public record Crumb(String name, String path) {
    }

    private final FileBrowser browser;
    private final FileStore store;
    private final FileLabels labels;
    private final FileUploads uploads;
    private final ClassificationScheme scheme;
    private final MessageSource messages;
    private final EditingProperties editing;

    public FilesPageController(FileBrowser browser, FileStore store, FileLabels labels,
            FileUploads uploads, ClassificationScheme scheme,
            @Qualifier("messageSource") MessageSource messages, EditingProperties editing) {
        this.browser = browser;
        this.store = store;
        this.labels = labels;
        this.uploads = uploads;
        this.scheme = scheme;
        this.messages = messages;
        this.editing = editing;
    }

    @GetMapping("/files")
    public String folder(@RequestParam(defaultValue = "/") String path, Model model) {
        FilePath folder = FilePath.of(path);
        model.addAttribute("path", folder.toString());
        model.addAttribute("crumbs", crumbs(folder));
        List<FileEntry> entries = browser.list(folder, user());
        model.addAttribute("entries", entries);
        model.addAttribute("editable", entries.stream()
                .filter(entry -> !entry.restricted() && !entry.folder()
                        && editing.editorForFile(entry.name()) != null)
                .map(FileEntry::path).collect(Collectors.toSet()));
        model.addAttribute("levels", scheme.levels());
        model.addAttribute("levelRules", scheme.levels().stream().collect(Collectors.toMap(
                ClassificationLevel::code, level -> level)));
        return "files/index";
    }

    @PostMapping("/files/label")
    public String label(@RequestParam String path, @RequestParam String level,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String declassifyCondition,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate declassifyOn,
            @RequestParam(defaultValue = "false") boolean provisional,
            RedirectAttributes redirect, Locale locale) {
        FilePath target = FilePath.of(path);
        try {
            StoredFile file = store.find(target).orElseThrow(
                    () -> new IllegalArgumentException("no file " + target));
            FileLabels.Outcome outcome = labels.label(file, new LabelRequest(level, blankToNull(reason),
                    null, declassifyOn, blankToNull(declassifyCondition), provisional, null, null), user());
            redirect.addFlashAttribute("notice", messages.getMessage(
                    outcome.status() == FileLabels.Status.APPLIED ? "files.labelled" : "files.downgradeAsked",
                    new Object[] {target.name()}, locale));
        } catch (LabelAccessDeniedException | IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        redirect.addAttribute("path", target.parent().orElse(FilePath.root()).toString());
        return "redirect:/files";
    }

    /** One or more files, each stored on its own: a refused one does not stop the others. */
    @PostMapping("/files/upload")
    public String upload(@RequestParam String folder, @RequestParam("file") List<MultipartFile> files,
            RedirectAttributes redirect, Locale locale) throws IOException {
        FilePath target = FilePath.of(folder);
        List<String> stored = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (MultipartFile file : files) {
            String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
            try (InputStream content = file.getInputStream()) {
                uploads.store(target.resolve(name), content, null, user());
                stored.add(name);
            } catch (LabelAccessDeniedException | IllegalArgumentException e) {
                refused.add(e.getMessage());
            } catch (RefusedException e) {
                refused.add(e.getMessage());
            }
        }
        if (!stored.isEmpty()) {
            redirect.addFlashAttribute("notice", messages.getMessage("files.uploaded",
                    new Object[] {String.join(", ", stored)}, locale));
        }
        if (!refused.isEmpty()) {
            redirect.addFlashAttribute("error", String.join("; ", refused));
        }
        redirect.addAttribute("path", target.toString());
        return "redirect:/files";
    }

    private static List<Crumb> crumbs(FilePath folder) {
        List<Crumb> crumbs = new ArrayList<>();
        FilePath step = FilePath.root();
        for (String segment : folder.segments()) {
            step = step.resolve(segment);
            crumbs.add(new Crumb(segment, step.toString()));
        }
        return crumbs;
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new IllegalStateException("not signed in"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
