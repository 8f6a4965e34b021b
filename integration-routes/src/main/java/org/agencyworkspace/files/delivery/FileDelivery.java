package org.agencyworkspace.files.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.delivery.DeliveryRefusedException.Reason;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.store.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Every way a file leaves the workspace goes through here: the policy decides, a labelled file
 * becomes a marked PDF registered as a numbered copy, and the outcome is audited. Fail closed:
 * when the policy, the store or the marking fails, nothing of the file is handed out, never the
 * stored original of a labelled file. Without a watermark engine no labelled file leaves at all.
 */
@Service
public class FileDelivery {

    /**
     * A file looked up and judged, before anything is copied.
     *
     * @param file the file
     * @param label its label as policy sees it
     * @param decision what the policy said
     */
    public record Check(StoredFile file, FileLabels.Effective label, AccessDecision decision) {
    }

    private final FileStore store;
    private final FileLabels labels;
    private final AccessPolicy policy;
    private final ClassificationScheme scheme;
    private final ObjectProvider<Watermarker> watermarker;
    private final CopyRegister register;
    private final AuditTrail audit;
    private final Clock clock;
    private final Path temporary;

    public FileDelivery(FileStore store, FileLabels labels, AccessPolicy policy,
            ClassificationScheme scheme, ObjectProvider<Watermarker> watermarker,
            CopyRegister register, AuditTrail audit, Clock clock) {
        this.store = store;
        this.labels = labels;
        this.policy = policy;
        this.scheme = scheme;
        this.watermarker = watermarker;
        this.register = register;
        this.audit = audit;
        this.clock = clock;
        this.temporary = privateTemporaryFolder();
    }

    /**
     * Looks the file up and asks the policy. A refusal is audited and thrown; an allowed check
     * may still ask for a step-up ({@link AccessDecision#stepUpRequired()}) before
     * {@link #deliver}.
     *
     * @throws DeliveryRefusedException NOT_FOUND, NOT_A_FILE or DENIED
     */
    public Check check(FilePath path, WorkspaceUser user, DeliveryKind kind) {
        StoredFile file = store.stat(path).orElseThrow(() -> refuse(user, kind, path.toString(),
                null, Reason.NOT_FOUND, "no file " + path, null));
        if (file.folder()) {
            throw refuse(user, kind, path.toString(), null, Reason.NOT_A_FILE,
                    path + " is a folder", null);
        }
        FileLabels.Effective label = labels.effective(file);
        AccessDecision decision = policy.decide(user, label.label(), kind.action());
        if (!decision.allowed()) {
            throw refuse(user, kind, path.toString(), levelOf(label), Reason.DENIED,
                    decision.reason(), null);
        }
        return new Check(file, label, decision);
    }

    /**
     * Makes the copy to send: the original of an ordinary file, a marked and registered PDF of a
     * labelled one. The caller sends it and closes it.
     *
     * @param steppedUp whether the person re-authenticated as the check asked
     * @throws IllegalStateException when the check did not allow it or asked for a step-up that
     *     did not happen (a programming error: the web layer must not get here)
     * @throws DeliveryRefusedException CANNOT_MARK or UNAVAILABLE; nothing was handed out
     */
    public Delivery deliver(Check check, WorkspaceUser user, DeliveryKind kind, boolean steppedUp) {
        if (!check.decision().allowed() || (check.decision().stepUpRequired() && !steppedUp)) {
            throw new IllegalStateException("delivery without an allowed, stepped-up check");
        }
        StoredFile file = check.file();
        String level = levelOf(check.label());
        Path original = copyOriginal(file, user, kind, level);
        if (check.label().label() == null || scheme.rank(level) == 0) {
            return new Delivery(original, file.contentType(), file.path().name(), false, null, 0);
        }
        String deliveryId = UUID.randomUUID().toString();
        int copyNumber = register.register(deliveryId, file.fileId(), file.path().toString(), level,
                kind.name(), user.login(), file.etag());
        Path pdf = null;
        try {
            pdf = temporaryFile(".pdf");
            ClassificationLevel classification = scheme.level(level);
            Watermarker engine = watermarker.getIfAvailable(() -> {
                throw new IllegalStateException("no watermark engine is configured");
            });
            engine.watermark(original, file.path().name(), new Marking(classification.marking(),
                    user.displayName(), user.login(), clock.instant(), file.fileId(), deliveryId,
                    copyNumber), pdf);
        } catch (RuntimeException e) {
            register.cancel(deliveryId);
            deleteQuietly(pdf);
            boolean fileAtFault = e instanceof WatermarkFailedException failed && failed.fileAtFault();
            throw refuse(user, kind, file.path().toString(), level,
                    fileAtFault ? Reason.CANNOT_MARK : Reason.UNAVAILABLE,
                    "the file could not be marked: " + e.getMessage(), e);
        } finally {
            deleteQuietly(original);
        }
        Map<String, String> details = new HashMap<>();
        details.put("delivery", deliveryId);
        details.put("copy", Integer.toString(copyNumber));
        audit.record(AuditEvent.of("file." + kind.name().toLowerCase(Locale.ROOT), "file")
                .actor(user.login(), user.displayName())
                .target("file", file.path().toString(), level)
                .details(details)
                .build());
        return new Delivery(pdf, "application/pdf", pdfName(file.path().name()), true, deliveryId,
                copyNumber);
    }

    private Path copyOriginal(StoredFile file, WorkspaceUser user, DeliveryKind kind, String level) {
        Path original = temporaryFile(".original");
        try (InputStream content = store.open(file.path())) {
            Files.copy(content, original, StandardCopyOption.REPLACE_EXISTING);
            return original;
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(original);
            throw refuse(user, kind, file.path().toString(), level, Reason.UNAVAILABLE,
                    "the file could not be read from " + store.name(), e);
        }
    }

    private Path temporaryFile(String suffix) {
        try {
            return Files.createTempFile(temporary, "delivery-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + temporary, e);
        }
    }

    /**
     * Copies live in the system's temporary area (cleared by the operating system, private to
     * the service under systemd), in a folder only this process's user may enter.
     */
    private static Path privateTemporaryFolder() {
        try {
            return Files.createTempDirectory("workspace-deliveries-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for deliveries", e);
        }
    }

    private DeliveryRefusedException refuse(WorkspaceUser user, DeliveryKind kind, String path,
            String level, Reason reason, String message, Throwable cause) {
        audit.record(AuditEvent.of("file." + kind.name().toLowerCase(Locale.ROOT), "file")
                .actor(user.login(), user.displayName())
                .target("file", path, level)
                .failure(message)
                .details(Map.of("refusal", reason.name()))
                .build());
        return new DeliveryRefusedException(reason, message, cause);
    }

    private String levelOf(FileLabels.Effective label) {
        return label.label() == null ? scheme.unmarked().code() : label.label().level();
    }

    private static String pdfName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name : name + ".pdf";
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left to the operating system's clean-up of the temporary area.
        }
    }
}
