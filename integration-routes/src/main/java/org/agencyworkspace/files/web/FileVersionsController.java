package org.agencyworkspace.files.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.files.versions.FileVersionRecords;
import org.agencyworkspace.files.versions.FileVersions;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A file's versions on the page ({@code /files/versions?path=…}) and in the API
 * ({@code /api/files/versions}): the list, a copy of one (sent as the file's own copies are), and
 * restoring one.
 */
@Controller
@Tag(name = "Files")
public class FileVersionsController {

    private final FileVersions versions;
    private final MessageSource messages;

    public FileVersionsController(FileVersions versions,
            @Qualifier("messageSource") MessageSource messages) {
        this.versions = versions;
        this.messages = messages;
    }

    @GetMapping("/files/versions")
    public String page(@RequestParam String path, Model model) {
        FilePath file = FilePath.of(path);
        model.addAttribute("path", file.toString());
        model.addAttribute("name", file.name());
        model.addAttribute("folder", file.parent().orElse(FilePath.root()).toString());
        model.addAttribute("versions", versions.list(file, user()));
        return "files/versions";
    }

    @PostMapping("/files/versions/{id}/restore")
    public String restoreFromPage(@PathVariable String id, @RequestParam String path,
            RedirectAttributes redirect, Locale locale) {
        try {
            versions.restore(id, user());
            redirect.addFlashAttribute("notice", messages.getMessage("files.versionRestored",
                    new Object[] {FilePath.of(path).name()}, locale));
        } catch (RefusedException e) {
            redirect.addFlashAttribute("error", messages.getMessage("files.notDone",
                    new Object[] {String.join("; ", e.problems())}, locale));
        }
        redirect.addAttribute("path", path);
        return "redirect:/files/versions";
    }

    @GetMapping("/files/versions/{id}/content")
    @Operation(summary = "A copy of one version of a file, made as a download of the file is"
            + " (marked and registered when labelled)")
    public void content(@PathVariable String id, HttpServletResponse response) throws IOException {
        try (Delivery copy = versions.download(id, user())) {
            FileContentController.send(copy, DeliveryKind.DOWNLOAD, response);
        }
    }

    @GetMapping("/api/files/versions")
    @ResponseBody
    @Operation(summary = "A file's kept versions, newest first: who saved each, when, its size")
    public List<FileVersionRecords.Version> list(@RequestParam String path) {
        return versions.list(FilePath.of(path), user());
    }

    @PostMapping("/api/files/versions/{id}/restore")
    @ResponseBody
    @Operation(summary = "Set the file back to this version; what it held is kept as a version")
    public FileEntryPath restore(@PathVariable String id) {
        return new FileEntryPath(versions.restore(id, user()).path().toString());
    }

    /** @param path the restored file */
    public record FileEntryPath(String path) {
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(
                () -> new IllegalStateException("versions are for signed-in people only"));
    }
}
