package org.agencyworkspace.files.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.files.delivery.DeliveryRefusedException;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.web.InvalidRequests;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one way file content leaves the workspace, for pages and API clients alike:
 * {@code GET /files/content?path=…&kind=download|preview|thumbnail} for a file and
 * {@code GET /files/bundle?path=…} for a folder as one PDF. The policy decides, a level that asks
 * for it demands a recent re-authentication first, and a labelled file is sent only as its marked,
 * registered copy (a thumbnail is a picture of one, a bundle is one).
 */
@Controller
public class FileContentController {

    private final FileDelivery delivery;
    private final InvalidRequests invalidRequests;

    public FileContentController(FileDelivery delivery, InvalidRequests invalidRequests) {
        this.delivery = delivery;
        this.invalidRequests = invalidRequests;
    }

    @GetMapping("/files/content")
    public void content(@RequestParam String path,
            @RequestParam(defaultValue = "download") String kind, HttpServletResponse response)
            throws IOException {
        WorkspaceUser user = signedIn();
        DeliveryKind deliveryKind = kind(kind);
        FileDelivery.Check check = delivery.check(FilePath.of(path), user, deliveryKind);
        try (Delivery copy = delivery.deliver(check, user, deliveryKind)) {
            send(copy, deliveryKind, response);
        }
    }

    @GetMapping("/files/bundle")
    public void bundle(@RequestParam String path, HttpServletResponse response) throws IOException {
        WorkspaceUser user = signedIn();
        FileDelivery.BundleCheck check = delivery.checkBundle(FilePath.of(path), user);
        try (Delivery copy = delivery.deliverBundle(check, user)) {
            send(copy, DeliveryKind.BUNDLE, response);
        }
    }

    private static WorkspaceUser signedIn() {
        return CurrentUser.get().orElseThrow(
                () -> new IllegalStateException("content is served to signed-in people only"));
    }

    @ExceptionHandler(DeliveryRefusedException.class)
    String refused(DeliveryRefusedException e, HttpServletResponse response, Model model) {
        response.setStatus(e.reason().httpStatus());
        model.addAttribute("reason", e.reason().name());
        model.addAttribute("detail", e.getMessage());
        return "files/refused";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    String invalid(IllegalArgumentException e, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        invalidRequests.record(request.getRequestURI(), e.getMessage());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("reason", "INVALID");
        model.addAttribute("detail", e.getMessage());
        return "files/refused";
    }

    /**
     * Media types a browser shows without running anything in them. SVG, HTML, XML and scripts
     * are active: shown inline from the workspace's origin they could run as its pages do.
     */
    private static final Set<String> PASSIVE_TYPES = Set.of("application/pdf", "image/png",
            "image/jpeg", "image/gif", "image/webp");

    /**
     * Sends a copy. Only passive types are previewed inline, everything else is offered as a
     * file; and every file response is sandboxed ({@code Content-Security-Policy: sandbox}: no
     * script, no access to the workspace's origin even if a browser renders it) and never sniffed
     * into another type.
     */
    static void send(Delivery copy, DeliveryKind kind, HttpServletResponse response)
            throws IOException {
        String type = copy.contentType() == null ? "application/octet-stream" : copy.contentType();
        String essence = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean inline = (kind == DeliveryKind.PREVIEW || kind == DeliveryKind.THUMBNAIL)
                && PASSIVE_TYPES.contains(essence);
        response.setContentType(type);
        response.setContentLengthLong(copy.size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline()
                : ContentDisposition.attachment())
                .filename(copy.fileName(), StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "sandbox");
        if (copy.marked()) {
            response.setHeader("X-Workspace-Copy", Integer.toString(copy.copyNumber()));
        }
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(copy.content(), out);
        }
    }

    private static DeliveryKind kind(String kind) {
        return switch (kind) {
            case "download" -> DeliveryKind.DOWNLOAD;
            case "preview" -> DeliveryKind.PREVIEW;
            case "thumbnail" -> DeliveryKind.THUMBNAIL;
            default -> throw new IllegalArgumentException(
                    "kind must be download, preview or thumbnail, not " + kind);
        };
    }
}
