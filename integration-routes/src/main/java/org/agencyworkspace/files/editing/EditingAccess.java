package org.agencyworkspace.files.editing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.agencyworkspace.connector.office.EditorPermission;
import org.agencyworkspace.connector.office.InvalidTokenException;
import org.agencyworkspace.connector.office.OfficeProtocolException;
import org.agencyworkspace.connector.office.WopiAccessToken;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.connector.office.WopiDiscovery;
import org.agencyworkspace.connector.office.WopiDiscoveryClient;
import org.agencyworkspace.connector.office.WopiProof;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.editing.EditingConfiguration.EditorServers;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Component;

/**
 * Decides, on every editor request, who is asking for which file and what they may do now: the
 * access token (signature, file, expiry), the editor's proof signature, the file where it is
 * now, and the person's <em>current</em> clearance against the file's <em>current</em> label.
 * A person whose clearance was lowered, or a file whose label was raised, during a session is
 * refused at the next request, whatever the token says.
 */
@Component
public class EditingAccess {

    /**
     * A request that passed.
     *
     * @param grant the token's grant
     * @param session the editing session
     * @param user the person, as the directory knows them now
     * @param file the file, as the store has it now
     * @param label its label now
     * @param level its level code
     * @param classified whether the level is above unmarked
     * @param permissions what the person may do now: the token's grant narrowed by policy
     */
    public record Caller(WopiAccessToken grant, OfficeRecords.Session session, WorkspaceUser user,
            StoredFile file, FileLabels.Effective label, String level, boolean classified,
            Set<EditorPermission> permissions) {

        public boolean may(EditorPermission permission) {
            return permissions.contains(permission);
        }
    }

    private final WopiAccessTokens tokens;
    private final OfficeRecords records;
    private final FileStore store;
    private final FileLabels labels;
    private final AccessPolicy policy;
    private final ClassificationScheme scheme;
    private final StaffDirectory directory;
    private final FileWriteAccess writeAccess;
    private final EditorServers editors;
    private final EditingProperties properties;
    private final String publicBase;
    private final Clock clock;

    public EditingAccess(WopiAccessTokens tokens, OfficeRecords records, FileStore store,
            FileLabels labels, AccessPolicy policy, ClassificationScheme scheme,
            StaffDirectory directory, FileWriteAccess writeAccess, EditorServers editors,
            EditingProperties properties, WorkspaceProperties workspace, Clock clock) {
        this.tokens = tokens;
        this.records = records;
        this.store = store;
        this.labels = labels;
        this.policy = policy;
        this.scheme = scheme;
        this.directory = directory;
        this.writeAccess = writeAccess;
        this.editors = editors;
        this.properties = properties;
        this.publicBase = workspace.publicBase();
        this.clock = clock;
    }

    /**
     * @throws WopiRefusal 404 unknown file, 401 bad token, closed session or unknown person, 500
     *     bad proof, 403 no longer allowed to read
     */
    public Caller authenticate(String fileId, String token, HttpServletRequest request) {
        FilePath path = records.pathOf(fileId).orElseThrow(() -> new WopiRefusal(404, "unknown file id"));
        WopiAccessToken grant;
        try {
            grant = tokens.check(token, fileId, clock.instant());
        } catch (InvalidTokenException e) {
            throw new WopiRefusal(401, "access token refused: " + e.getMessage());
        }
        OfficeRecords.Session session = records.session(grant.session())
                .orElseThrow(() -> new WopiRefusal(401, "the token's session is unknown"));
        // ONLYOFFICE sessions get no WOPI token (its Document Server fetches with a short fetch
        // token); a token of one is refused here whatever it says.
        if (session.editor() != EditorKind.COLLABORA || !session.login().equals(grant.user())) {
            throw new WopiRefusal(401, "the token does not belong to a WOPI editing session");
        }
        if (session.closed()) {
            throw new WopiRefusal(401, "the token's editing session was closed");
        }
        if (request != null) {
            checkProof(token, request);
        }
        StoredFile file = store.find(path)
                .filter(found -> !found.folder())
                .orElseThrow(() -> new WopiRefusal(404, "the file is no longer at " + path));
        WorkspaceUser user = currentUser(grant.user());
        return judge(grant, session, user, file);
    }

    /** The person as the directory knows them now; refused when gone or disabled. */
    public WorkspaceUser currentUser(String login) {
        StaffDirectory.StaffMember member = directory.find(login)
                .filter(StaffDirectory.StaffMember::enabled)
                .orElseThrow(() -> new WopiRefusal(401, login + " is unknown or disabled"));
        // The one role editing asks about: administrators may write what they may read.
        List<String> roles = directory.membersOf(FileWriteAccess.ADMINISTRATORS).contains(login)
                ? List.of(FileWriteAccess.ADMINISTRATORS) : List.of();
        return new WorkspaceUser(member.login(), member.displayNameEn(), roles,
                member.departments(), member.clearance());
    }

    /** Records {@code user} as the owner of a file editing created (a Save As, a conflict copy). */
    public void created(StoredFile file, WorkspaceUser user) {
        writeAccess.recordOwner(file, user);
    }

    /** A renamed file that got a new id keeps its owner. */
    public void moved(StoredFile from, StoredFile to) {
        writeAccess.carryOwner(from, to);
    }

    /** What {@code user} may do with {@code file} in an editor now, capped by {@code wanted}. */
    public Caller judge(WopiAccessToken grant, OfficeRecords.Session session, WorkspaceUser user,
            StoredFile file) {
        FileLabels.Effective label = labels.effective(file);
        AccessDecision read = policy.decide(user, label.label(), FileAction.READ);
        String level = scheme.levelOf(label.label());
        if (!read.allowed()) {
            throw new WopiRefusal(403, read.reason());
        }
        boolean classified = scheme.rank(level) > 0;
        Set<EditorPermission> now = EnumSet.noneOf(EditorPermission.class);
        // Reading is not writing: without ownership, a folder grant or the admin role the file
        // opens read-only, and every save is refused.
        if (writeAccess.refusal(file, user).isEmpty()) {
            now.add(EditorPermission.EDIT);
        }
        // Copies of classified files leave only as the workspace's marked, numbered copies
        // (Download on the files page): an editor's print or export would be neither.
        if (!classified && policy.decide(user, label.label(), FileAction.PRINT).allowed()) {
            now.add(EditorPermission.PRINT);
        }
        if (!classified && policy.decide(user, label.label(), FileAction.DOWNLOAD).allowed()) {
            now.add(EditorPermission.EXPORT);
        }
        if (policy.decide(user, label.label(), FileAction.COPY).allowed()) {
            now.add(EditorPermission.COPY);
        }
        if (grant != null) {
            now.retainAll(grant.permissions());
        }
        return new Caller(grant, session, user, file, label, level, classified, Set.copyOf(now));
    }

    private void checkProof(String token, HttpServletRequest request) {
        WopiDiscoveryClient discovery = editors.collaboraDiscovery();
        if (discovery == null || !properties.collabora().requireProof()) {
            return;
        }
        WopiProof.Request proof = new WopiProof.Request(token, publicUrl(request),
                request.getHeader("X-WOPI-TimeStamp"), request.getHeader("X-WOPI-Proof"),
                request.getHeader("X-WOPI-ProofOld"));
        try {
            WopiDiscovery keys = discovery.current();
            if (!keys.signsRequests()) {
                return; // a Collabora without a proof key signs nothing (operator guide)
            }
            WopiProof.Outcome outcome = WopiProof.verify(proof, keys, clock.instant());
            if (outcome == WopiProof.Outcome.INVALID || outcome == WopiProof.Outcome.VALID_WITH_OLD_KEY) {
                // The editor may have rotated its keys since discovery was fetched.
                WopiProof.Outcome again = WopiProof.verify(proof, discovery.refresh(), clock.instant());
                outcome = again == WopiProof.Outcome.INVALID && outcome == WopiProof.Outcome.VALID_WITH_OLD_KEY
                        ? outcome : again;
            }
            if (outcome == WopiProof.Outcome.INVALID || outcome == WopiProof.Outcome.EXPIRED) {
                // The WOPI spec answers an unverifiable proof with 500.
                throw new WopiRefusal(500, "proof signature " + outcome.name().toLowerCase());
            }
        } catch (UncheckedIOException | OfficeProtocolException e) {
            throw new WopiRefusal(500, "the editor's proof keys cannot be read: " + e.getMessage());
        }
    }

    /** This workspace's public address without a trailing slash (WOPISrc and callbacks start with it). */
    String publicBase() {
        return publicBase;
    }

    /** The URL as the editor called it: the configured public address plus path and query. */
    String publicUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        return publicBase + request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
