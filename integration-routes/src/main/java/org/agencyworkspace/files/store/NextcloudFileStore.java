package org.agencyworkspace.files.store;

import org.agencyworkspace.connector.FilePath;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.nextcloud.DavEntry;
import org.agencyworkspace.connector.nextcloud.Download;
import org.agencyworkspace.connector.nextcloud.ETag;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.nextcloud.NewShare;
import org.agencyworkspace.connector.nextcloud.NextcloudFiles;
import org.agencyworkspace.connector.nextcloud.OcsRefusedException;
import org.agencyworkspace.connector.nextcloud.PreconditionFailedException;
import org.agencyworkspace.connector.nextcloud.Share;
import org.agencyworkspace.connector.nextcloud.ShareType;
import org.agencyworkspace.connector.nextcloud.SystemTag;
import org.agencyworkspace.connector.nextcloud.WriteCondition;

/**
 * The agency's files in Nextcloud, as the workspace's service account sees them. A label is
 * shown as the WebDAV property {@code aw:classification} (the label as JSON) and as the system
 * tag {@code classification:<level>}, visible to all and assignable only by administrators, so
 * Nextcloud's access-control and retention rules can act on it.
 */
public class NextcloudFileStore implements FileStore {

    /** Our WebDAV property holding the label. */
    public static final String LABEL_PROPERTY = "classification";
    /** The system tags that show levels start with this. */
    public static final String TAG_PREFIX = "classification:";

    private final NextcloudConnector nextcloud;

    public NextcloudFileStore(NextcloudConnector nextcloud) {
        this.nextcloud = nextcloud;
    }

    @Override
    public boolean stableIds() {
        return true;
    }

    @Override
    public String name() {
        return "nextcloud";
    }

    @Override
    public Optional<StoredFile> stat(FilePath path) {
        return nextcloud.files().stat(path, Set.of(LABEL_PROPERTY)).map(entry -> describe(path, entry));
    }

    @Override
    public List<StoredFile> list(FilePath folder) {
        return nextcloud.files().list(folder, Set.of(LABEL_PROPERTY)).stream()
                // The store's own names, as it wrote them: a name typed elsewhere (NFD, a
                // trailing space) is listed and reachable rather than failing the listing.
                .map(entry -> describe(entry.path(), entry))
                .toList();
    }

    @Override
    public InputStream open(FilePath path) {
        Download download = nextcloud.files().download(path);
        return new FilterInputStream(download.content()) {
            @Override
            public void close() {
                download.close();
            }
        };
    }

    @Override
    public StoredFile write(FilePath path, InputStream content, String expectedEtag) {
        return write(path, content, NextcloudFiles.UNKNOWN_LENGTH, expectedEtag);
    }

    @Override
    public StoredFile write(FilePath path, InputStream content, long length, String expectedEtag) {
        if (expectedEtag == null) {
            // Replacing a known version needs no walk up the folders (a PROPFIND each): the
            // version's folder is there, or the If-Match fails all the same.
            path.parent().ifPresent(this::createFolders);
        }
        WriteCondition condition = expectedEtag == null ? WriteCondition.none()
                : WriteCondition.ifMatch(ETag.parse(expectedEtag));
        try {
            nextcloud.files().upload(path, content, length, condition);
        } catch (PreconditionFailedException e) {
            throw new VersionConflictException(path + " changed since version " + expectedEtag);
        }
        return stat(path).orElseThrow(() -> new IllegalStateException(
                path + " is missing right after it was written"));
    }

    @Override
    public void createFolders(FilePath folder) {
        FilePath made = FilePath.root();
        for (String segment : folder.segments()) {
            made = made.resolve(segment);
            if (nextcloud.files().stat(made, Set.of()).isEmpty()) {
                nextcloud.files().createFolder(made);
            }
        }
    }

    @Override
    public StoredFile move(FilePath from, FilePath to) {
        to.parent().ifPresent(this::createFolders);
        try {
            nextcloud.files().move(from, to, false, WriteCondition.none());
        } catch (PreconditionFailedException e) {
            throw new VersionConflictException(to + " already exists");
        }
        return stat(to).orElseThrow(() -> new IllegalStateException(to + " is missing right after the move"));
    }

    @Override
    public List<FileShare> shares(FilePath path) {
        return nextcloud.shares().sharesOf(path, true, false).stream()
                .map(NextcloudFileStore::share)
                .toList();
    }

    @Override
    public void revokeShare(FileShare share) {
        nextcloud.shares().delete(share.id());
    }

    @Override
    public FileShare createShare(FilePath path, ShareRequest request) {
        ShareType type = switch (request.type()) {
            case USER -> ShareType.USER;
            case GROUP -> ShareType.GROUP;
            case PUBLIC_LINK -> ShareType.PUBLIC_LINK;
            case EXTERNAL -> ShareType.EMAIL;
            case OTHER -> throw new IllegalArgumentException("unknown share type");
        };
        try {
            return share(nextcloud.shares().create(new NewShare(path, type,
                    request.sharedWith(), null, request.password(), request.expires(), null)));
        } catch (OcsRefusedException e) {
            throw new IllegalArgumentException("Nextcloud refused the share: " + e.getMessage(), e);
        }
    }

    @Override
    public FileShare changeShare(FileShare share, LocalDate expires, String password) {
        Share changed = null;
        if (expires != null) {
            changed = nextcloud.shares().updateExpiration(share.id(), Optional.of(expires));
        }
        if (password != null) {
            changed = nextcloud.shares().updatePassword(share.id(), Optional.of(password));
        }
        return changed == null ? share : share(changed);
    }

    @Override
    public void showLabel(StoredFile file, String levelCode, String labelJson) {
        nextcloud.files().updateProperties(file.path(), Map.of(LABEL_PROPERTY, labelJson), Set.of());
        Optional<Long> fileId = numericId(file.fileId());
        if (fileId.isEmpty()) {
            return; // a plain WebDAV server has no file ids and no system tags
        }
        SystemTag wanted = nextcloud.systemTags().createTagIfMissing(TAG_PREFIX + levelCode, true, false);
        for (SystemTag tag : nextcloud.systemTags().tagsOf(fileId.get())) {
            if (tag.name().startsWith(TAG_PREFIX) && !tag.id().equals(wanted.id())) {
                nextcloud.systemTags().unassign(fileId.get(), tag.id());
            }
        }
        nextcloud.systemTags().assign(fileId.get(), wanted.id());
    }

    private static StoredFile describe(FilePath path, DavEntry entry) {
        String id = entry.fileId().isPresent() ? "nc-" + entry.fileId().getAsLong() : "dav-" + path.digest();
        return new StoredFile(path, id, entry.etag().map(ETag::toString).orElse(""),
                entry.size(), entry.collection() ? null : blankToNull(entry.contentType()),
                entry.lastModified(), entry.collection());
    }

    private static FileShare share(Share share) {
        FileShare.Type type = switch (share.type()) {
            case USER -> FileShare.Type.USER;
            case GROUP -> FileShare.Type.GROUP;
            case PUBLIC_LINK -> FileShare.Type.PUBLIC_LINK;
            case EMAIL, FEDERATED, REMOTE_GROUP, GUEST -> FileShare.Type.EXTERNAL;
            default -> FileShare.Type.OTHER;
        };
        return new FileShare(share.id(), type, share.shareWith().isEmpty() ? null : share.shareWith(),
                share.owner(), share.expiration().orElse(null));
    }

    private static Optional<Long> numericId(String fileId) {
        return fileId.startsWith("nc-") ? Optional.of(Long.parseLong(fileId.substring(3)))
                : Optional.empty();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
