package org.agencyworkspace.files.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.files.delivery.DeliveryRefusedException;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.files.web.FileBrowser;
import org.agencyworkspace.files.web.FileEntry;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Component;

/**
 * The agency's files as routes see them. A route acts as its own principal, {@code route:<id>},
 * with the lowest clearance, no roles and no need-to-know: it lists and takes only what the
 * classification rules let anyone take, through the same policy, audit and copy handling as a
 * person. A labelled file is refused (audited as a refused download by the route), so no route,
 * YAML or Java, can carry classified content out of the workspace.
 */
@Component
public class FileRouteServices {

    /** Larger files are refused: a route's body is held in memory. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    /**
     * A file a route took.
     *
     * @param path its path
     * @param name its file name
     * @param contentType its media type
     * @param level its level code (always the lowest for a route)
     * @param content its bytes
     */
    public record RouteFile(String path, String name, String contentType, String level,
            byte[] content) {
    }

    private final FileStore store;
    private final FileBrowser browser;
    private final ClassificationScheme scheme;
    private final FileDelivery delivery;
    private final AuditTrail audit;

    public FileRouteServices(FileStore store, FileBrowser browser, ClassificationScheme scheme,
            FileDelivery delivery, AuditTrail audit) {
        this.store = store;
        this.browser = browser;
        this.scheme = scheme;
        this.delivery = delivery;
        this.audit = audit;
    }

    /**
     * The entries of a folder the route may read, each as a map ({@code path}, {@code name},
     * {@code folder}, {@code size}, {@code contentType}, {@code level}); what it may not read is
     * left out, name and all.
     *
     * @throws IllegalArgumentException a malformed path
     * @throws RefusedException no such folder
     */
    public List<Map<String, Object>> list(String routeId, String folder) {
        WorkspaceUser route = principal(routeId);
        FilePath path = FilePath.of(folder);
        if (store.stat(path).filter(StoredFile::folder).isEmpty()) {
            throw new RefusedException("no folder " + path, null);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        // The people's listing, so a route is shown exactly what a person of its clearance is.
        for (FileEntry file : browser.list(path, route)) {
            if (file.restricted()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.path());
            entry.put("name", file.name());
            entry.put("folder", file.folder());
            entry.put("size", file.size());
            if (file.contentType() != null) {
                entry.put("contentType", file.contentType());
            }
            entry.put("level", file.level());
            entries.add(entry);
        }
        return entries;
    }

    /**
     * Takes a copy of a file for the route, audited as the route's download.
     *
     * @throws IllegalArgumentException a malformed path
     * @throws RefusedException the file does not exist, is a folder, is too large, or the rules
     *     refuse it to the route (every labelled file)
     * @throws DeliveryRefusedException UNAVAILABLE: the store failed; a retry may help
     */
    public RouteFile get(String routeId, String path) {
        WorkspaceUser route = principal(routeId);
        FileDelivery.Check check;
        try {
            check = delivery.check(FilePath.of(path), route, DeliveryKind.DOWNLOAD);
            if (check.decision().stepUpRequired()) {
                // A route cannot re-authenticate; what asks for it is not for routes.
                throw refused(route, check, path + " needs a recent sign-in, which a route"
                        + " cannot give");
            }
            if (check.file().size() > MAX_FILE_BYTES) {
                throw refused(route, check, path + " is larger than a route may take ("
                        + MAX_FILE_BYTES + " bytes)");
            }
            String level = scheme.levelOf(check.label().label());
            try (Delivery copy = delivery.deliver(check, route, DeliveryKind.DOWNLOAD)) {
                RouteFile file = new RouteFile(check.file().path().toString(), copy.fileName(),
                        copy.contentType(), level, Files.readAllBytes(copy.content()));
                // Unmarked downloads by people are not audited; a route's automated takes are.
                audit.record(AuditEvent.of("file.download", "file")
                        .actor(route.login(), route.displayName())
                        .target("file", file.path(), level)
                        .details(Map.of("size", String.valueOf(file.content().length)))
                        .build());
                return file;
            }
        } catch (DeliveryRefusedException refused) {
            if (refused.reason() == DeliveryRefusedException.Reason.UNAVAILABLE) {
                throw refused;
            }
            throw new RefusedException(refused.getMessage(), refused);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the copy of " + path, e);
        }
    }

    /** A refusal decided here rather than by the delivery's own checks, audited as they are. */
    private RefusedException refused(WorkspaceUser route, FileDelivery.Check check, String reason) {
        audit.record(AuditEvent.of("file.download", "file")
                .actor(route.login(), route.displayName())
                .target("file", check.file().path().toString(),
                        scheme.levelOf(check.label().label()))
                .failure(reason)
                .build());
        return new RefusedException(reason, null);
    }

    /** The principal a route acts as: lowest clearance, no roles, no departments. */
    WorkspaceUser principal(String routeId) {
        if (routeId == null || routeId.isBlank()) {
            throw new IllegalArgumentException("a file operation needs the calling route's id");
        }
        return new WorkspaceUser("route:" + routeId, "route " + routeId, List.of(), List.of(),
                scheme.unmarked().code());
    }
}
