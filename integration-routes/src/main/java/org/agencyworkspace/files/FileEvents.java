package org.agencyworkspace.files;

import java.time.LocalDate;
import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/**
 * The files capability's domain events. Paths of labelled files are in the payload: routes are
 * trusted configuration, but a route that forwards them elsewhere must respect the level.
 */
public final class FileEvents {

    /** The events after which a label is in force: the store shows it, the share guard checks it. */
    public static final String[] LABEL_CHANGES = {"file.labelled", "file.relabelled"};

    private FileEvents() {
    }

    @EventType(name = "file.labelled", summary = "A file or folder got its first classification"
            + " label.")
    public record Labelled(
            @EventField("path of the file or folder, from the agency's root") String path,
            @EventField("true for a folder (its label passes to what is inside)") boolean folder,
            @EventField("level key (unmarked, secret, ...)") String level,
            @EventField("login of the classifier") String classifier,
            @EventField(value = "date (Asia/Taipei) the label lifts", optional = true)
            LocalDate declassifyOn,
            @EventField("true while a provisional label awaits the deciding official")
            boolean provisional)
            implements DomainEvent {
    }

    @EventType(name = "file.relabelled", summary = "A label changed: level, dates, readers or"
            + " classifier (a change that weakens protection is published once approved).")
    public record Relabelled(
            @EventField("path of the file or folder") String path,
            @EventField("true for a folder") boolean folder,
            @EventField("level key before") String fromLevel,
            @EventField("level key after") String toLevel,
            @EventField("login of who made the change") String changedBy,
            @EventField(value = "login of the second person who approved it", optional = true)
            String approvedBy)
            implements DomainEvent {
    }

    @EventType(name = "file.shared", summary = "A share was created on a file or folder (only"
            + " shares the level allows exist).")
    public record Shared(
            @EventField("path of the shared file or folder") String path,
            @EventField("strictest level key at or below the path") String level,
            @EventField("share id in the file store") String shareId,
            @EventField("user, group, link or federated") String shareType,
            @EventField(value = "the login, group or address shared with", optional = true)
            String sharedWith)
            implements DomainEvent {
    }

    @EventType(name = "file.downloaded", summary = "A person took a copy of a file: download,"
            + " preview, thumbnail or bundle (a labelled copy is watermarked and registered).")
    public record Downloaded(
            @EventField("path of the file or folder") String path,
            @EventField("level key of what left") String level,
            @EventField("download, preview, thumbnail or bundle") String kind,
            @EventField("login of who took it") String by,
            @EventField(value = "copy number in the copy register (labelled files)",
                    optional = true) Integer copyNumber)
            implements DomainEvent {
    }

    @EventType(name = "file.folder-created", summary = "A folder was made through the workspace"
            + " (it takes the label of the folder it is in).")
    public record FolderCreated(
            @EventField("path of the new folder") String path,
            @EventField("level key it has from the folders above") String level,
            @EventField("login of who made it") String by)
            implements DomainEvent {
    }

    @EventType(name = "file.moved", summary = "A file or folder was renamed or moved; its label"
            + " went with it (never lower than it was).")
    public record Moved(
            @EventField("path before") String from,
            @EventField("path after") String to,
            @EventField("true for a folder") boolean folder,
            @EventField("level key after the move") String level,
            @EventField("login of who moved it") String by)
            implements DomainEvent {
    }

    @EventType(name = "file.copied", summary = "A file was copied; the copy carries at least the"
            + " source's label.")
    public record Copied(
            @EventField("path of the source") String from,
            @EventField("path of the copy") String to,
            @EventField("level key of the copy") String level,
            @EventField("login of who copied it") String by)
            implements DomainEvent {
    }

    @EventType(name = "file.deleted", summary = "A file or folder was moved into the trash (it can"
            + " be restored; a labelled one needed a reason, kept in the audit trail).")
    public record Deleted(
            @EventField("path it had") String path,
            @EventField("true for a folder") boolean folder,
            @EventField("strictest level key at or below it") String level,
            @EventField("id of the trash entry, to restore it") String trashId,
            @EventField("login of who deleted it") String by)
            implements DomainEvent {
    }

    @EventType(name = "file.restored", summary = "A file or folder came back from the trash to where"
            + " it was.")
    public record Restored(
            @EventField("path it is back at") String path,
            @EventField("true for a folder") boolean folder,
            @EventField("level key") String level,
            @EventField("id of the trash entry") String trashId,
            @EventField("login of who restored it") String by)
            implements DomainEvent {
    }

    @EventType(name = "file.version-restored", summary = "A file's content was set back to one of"
            + " its kept versions; what it held is kept as a version in turn.")
    public record VersionRestored(
            @EventField("path of the file") String path,
            @EventField("level key") String level,
            @EventField("id of the version restored") String versionId,
            @EventField("login of who restored it") String by)
            implements DomainEvent {
    }
}
