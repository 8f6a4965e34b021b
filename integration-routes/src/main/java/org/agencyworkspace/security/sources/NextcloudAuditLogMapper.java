package org.agencyworkspace.security.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditRow;

/**
 * Lines of Nextcloud's admin_audit log (one JSON object per line, as Nextcloud's file log writes
 * them: {@code reqId}, {@code time}, {@code remoteAddr}, {@code user}, {@code app},
 * {@code method}, {@code url}, {@code message}, {@code userAgent}, {@code version}) as audit
 * events. The admin_audit app puts what happened only in the message text, so the messages are
 * matched by their exact English phrasings (apps/admin_audit in nextcloud/server:
 * Listener/AuthEventListener.php, Actions/Files.php, Listener/FileEventListener.php,
 * Listener/SharingEventListener.php / Actions/Sharing.php, Listener/UserManagementEventListener.php;
 * both the older "File accessed: ..." and the newer "File with id ... accessed: ..." forms).
 *
 * <p>Actions the detection rules count are the workspace's own: {@code login.success},
 * {@code login.failure}, {@code file.download} (a file read), {@code file.preview},
 * {@code file.share.created} with {@code details.type} {@code PUBLIC_LINK} / {@code EXTERNAL}.
 * A read by the workspace's own Nextcloud account is {@code file.read}: the workspace already
 * audits what it delivers, and to whom. Other messages are stored as {@code nextcloud.message},
 * unreadable lines as {@code nextcloud.unparsed}, both tagged {@code parse_error} with the line.
 */
final class NextcloudAuditLogMapper {

    /** The classification of a file, looked up by Nextcloud file id or by workspace path. */
    interface Labels {
        Optional<String> byFileId(String fileId);

        Optional<String> byPath(String path);

        Labels NONE = new Labels() {
            @Override
            public Optional<String> byFileId(String fileId) {
                return Optional.empty();
            }

            @Override
            public Optional<String> byPath(String path) {
                return Optional.empty();
            }
        };
    }

    /** Nextcloud writes {@code --} where a field has no value (no session user, no agent). */
    private static final String NO_VALUE = "--";
    private static final String ANONYMOUS = "anonymous";

    // Authentication (Listener/AuthEventListener.php, Actions/Auth.php)
    private static final Pattern LOGIN_ATTEMPT = message("Login attempt: \"(?<uid>.*)\"");
    private static final Pattern LOGIN_SUCCESS = message("Login successful: \"(?<uid>.*)\"");
    private static final Pattern LOGIN_FAILED = message("Login failed: \"(?<uid>.*)\"");
    private static final Pattern LOGOUT = message("Logout occurred");
    // Files (Actions/Files.php, Listener/FileEventListener.php); the id is in newer versions only
    private static final String WITH_ID = "(?: with id \"(?<id>[^\"]*)\")?";
    private static final Pattern FILE_ACCESSED = message("File" + WITH_ID + " accessed: \"(?<path>.*)\"");
    private static final Pattern FILE_CREATED = message("File" + WITH_ID + " created: \"(?<path>.*)\"");
    private static final Pattern FILE_WRITTEN = message("File" + WITH_ID + " written to: \"(?<path>.*)\"");
    private static final Pattern FILE_UPDATED = message("File" + WITH_ID + " updated: \"(?<path>.*)\"");
    private static final Pattern FILE_DELETED = message("File" + WITH_ID + " deleted: \"(?<path>.*)\"");
    private static final Pattern FILE_RENAMED = message(
            "File renamed(?: with id \"(?<id>[^\"]*)\" from|:) \"(?<old>.*)\" to \"(?<path>.*)\"");
    private static final Pattern FILE_COPIED = message("File (?:id copied from: \"[^\"]*\" to \"(?<id>[^\"]*)\","
            + " path from|copied:) \"(?<old>.*)\" to \"(?<path>.*)\"");
    private static final Pattern PREVIEW = message("Preview accessed: (?:\\(id: \"(?<id>[^\"]*)\", .*"
            + "path: \"(?<path>.*)\"\\)|\"(?<oldpath>.*)\" \\(width: .*\\))");
    // Shares (Listener/SharingEventListener.php, Actions/Sharing.php)
    private static final Pattern SHARED_LINK = message("The (?<kind>\\S+) \"(?<path>.*)\" with ID \"(?<id>[^\"]*)\""
            + " has been shared via link with permissions \"(?<perm>[^\"]*)\" \\(Share ID: (?<share>[^)]*)\\)");
    private static final Pattern SHARED_TO = message("The (?<kind>\\S+) \"(?<path>.*)\" with ID \"(?<id>[^\"]*)\""
            + " has been shared to the (?<to>user|group|room|email recipient|circle|remote user|remote group|deck card)"
            + " \"(?<with>.*)\" with permissions \"(?<perm>[^\"]*)\"\\s+\\(Share ID: (?<share>[^)]*)\\)");
    private static final Pattern UNSHARED = message("The (?<kind>\\S+) \"(?<path>.*)\" with ID \"(?<id>[^\"]*)\""
            + " has been unshared(?: from the (?<to>user|group|room|email recipient|circle|remote user|remote group"
            + "|deck card) \"(?<with>.*)\")? \\(Share ID: (?<share>[^)]*)\\)");
    private static final Pattern SHARE_PERMISSIONS = message("The permissions of the shared (?<kind>\\S+)"
            + " \"(?<path>.*)\" with ID \"(?<id>[^\"]*)\" have been changed to \"(?<perm>[^\"]*)\"");
    private static final Pattern SHARE_PASSWORD = message("The password of the publicly shared (?<kind>\\S+)"
            + " \"(?<token>.*)\" with ID \"(?<id>[^\"]*)\" has been changed");
    private static final Pattern SHARE_EXPIRY = message("The expiration date of the publicly shared (?<kind>\\S+)"
            + " with ID \"(?<id>[^\"]*)\" has been changed to \"(?<date>[^\"]*)\"");
    private static final Pattern SHARE_ACCESSED = message("The shared (?<kind>\\S+) with the token"
            + " \"(?<token>.*)\" by \"(?<owner>.*)\" has been accessed\\.");
    // Accounts (Listener/UserManagementEventListener.php, Actions/UserManagement.php)
    private static final Pattern USER_CHANGE = message("(?<what>User created|User deleted|User enabled"
            + "|User disabled|UserID assigned|UserID unassigned): \"(?<uid>.*)\"");
    private static final Pattern USER_PASSWORD = message("Password of user \"(?<uid>.*)\" has been changed");
    private static final Pattern USER_EMAIL = message("Email address changed for user (?<uid>.*)");

    private static final List<Pattern> FILE_READS = List.of(FILE_ACCESSED, PREVIEW);

    private final ObjectMapper json;
    private final String serviceAccount;
    private final Labels labels;

    /**
     * @param serviceAccount the workspace's own Nextcloud account (its files are the workspace's
     *     file area), or null
     */
    NextcloudAuditLogMapper(ObjectMapper json, String serviceAccount, Labels labels) {
        this.json = json;
        this.serviceAccount = serviceAccount;
        this.labels = labels;
    }

    /** The audit id of a line: the same line read twice is one event. */
    static String auditId(String line) {
        return UUID.nameUUIDFromBytes(("nextcloud-audit:" + line).getBytes(StandardCharsets.UTF_8)).toString();
    }

    AuditEvent map(String line) {
        String id = auditId(line);
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            return unparsed(id, line, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return unparsed(id, line, "not a JSON object");
        }
        String message = text(node, "message");
        if (message == null) {
            return unparsed(id, line, "no message");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(String.valueOf(text(node, "time"))).toInstant();
        } catch (DateTimeParseException e) {
            return unparsed(id, line, "no ISO 8601 time (Nextcloud's logdateformat must stay the default)");
        }
        Line entry = new Line(id, at, node, message, text(node, "user"));
        AuditEvent event = auth(entry);
        if (event == null) {
            event = file(entry);
        }
        if (event == null) {
            event = share(entry);
        }
        if (event == null) {
            event = account(entry);
        }
        if (event == null) {
            Map<String, String> facts = entry.facts();
            facts.put(AuditRow.PARSE_ERROR_DETAIL, "unknown admin_audit message");
            event = entry.event("nextcloud.message", "configuration", AuditEvent.Outcome.UNKNOWN,
                    entry.actor(), null, null, facts);
        }
        return event;
    }

    private AuditEvent auth(Line entry) {
        Matcher matched;
        if ((matched = LOGIN_SUCCESS.matcher(entry.message)).matches()) {
            return login(entry, "login.success", AuditEvent.Outcome.SUCCESS, matched.group("uid"), null);
        }
        if ((matched = LOGIN_FAILED.matcher(entry.message)).matches()) {
            return login(entry, "login.failure", AuditEvent.Outcome.FAILURE, matched.group("uid"), "login failed");
        }
        if ((matched = LOGIN_ATTEMPT.matcher(entry.message)).matches()) {
            return login(entry, "login.attempt", AuditEvent.Outcome.UNKNOWN, matched.group("uid"), null);
        }
        if (LOGOUT.matcher(entry.message).matches()) {
            return login(entry, "logout", AuditEvent.Outcome.SUCCESS, entry.user, null);
        }
        return null;
    }

    private AuditEvent login(Line entry, String action, AuditEvent.Outcome outcome, String login,
            String reason) {
        AuditEvent.Actor actor = login == null || login.isEmpty() ? entry.actor() : new AuditEvent.Actor(login, login);
        return entry.event(action, "authentication", outcome, actor, null, reason, entry.facts());
    }

    private AuditEvent file(Line entry) {
        for (Pattern pattern : FILE_READS) {
            Matcher matched = pattern.matcher(entry.message);
            if (matched.matches()) {
                String path = pattern == PREVIEW && matched.group("path") == null
                        ? matched.group("oldpath") : matched.group("path");
                String action = pattern == PREVIEW ? "file.preview"
                        : entry.user != null && entry.user.equals(serviceAccount) ? "file.read" : "file.download";
                return fileEvent(entry, action, matched.group("id"), path, Map.of());
            }
        }
        Matcher matched;
        if ((matched = FILE_CREATED.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.created", matched.group("id"), matched.group("path"), Map.of());
        }
        if ((matched = FILE_WRITTEN.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.written", matched.group("id"), matched.group("path"), Map.of());
        }
        if ((matched = FILE_UPDATED.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.updated", matched.group("id"), matched.group("path"), Map.of());
        }
        if ((matched = FILE_DELETED.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.deleted", matched.group("id"), matched.group("path"), Map.of());
        }
        if ((matched = FILE_RENAMED.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.renamed", matched.group("id"), matched.group("path"),
                    Map.of("oldPath", workspacePath(matched.group("old"), entry.user)));
        }
        if ((matched = FILE_COPIED.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.copied", matched.group("id"), matched.group("path"),
                    Map.of("copiedFrom", workspacePath(matched.group("old"), entry.user)));
        }
        return null;
    }

    private AuditEvent share(Line entry) {
        Matcher matched;
        if ((matched = SHARED_LINK.matcher(entry.message)).matches()) {
            return shareEvent(entry, "file.share.created", matched, "PUBLIC_LINK", null);
        }
        if ((matched = SHARED_TO.matcher(entry.message)).matches()) {
            return shareEvent(entry, "file.share.created", matched, shareType(matched.group("to")),
                    matched.group("with"));
        }
        if ((matched = UNSHARED.matcher(entry.message)).matches()) {
            String to = matched.group("to");
            return shareEvent(entry, "file.share.deleted", matched, to == null ? "PUBLIC_LINK" : shareType(to),
                    matched.group("with"));
        }
        if ((matched = SHARE_PERMISSIONS.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.share.changed", matched.group("id"), matched.group("path"),
                    Map.of("permissions", matched.group("perm")));
        }
        if ((matched = SHARE_PASSWORD.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.share.changed", matched.group("id"), null,
                    redacted("The password of a publicly shared " + matched.group("kind") + " has been changed",
                            Map.of("type", "PUBLIC_LINK", "change", "password")));
        }
        if ((matched = SHARE_EXPIRY.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.share.changed", matched.group("id"), null,
                    Map.of("type", "PUBLIC_LINK", "change", "expiration", "expires", matched.group("date")));
        }
        if ((matched = SHARE_ACCESSED.matcher(entry.message)).matches()) {
            return fileEvent(entry, "file.share.accessed", null, null,
                    redacted("A publicly shared " + matched.group("kind") + " has been accessed",
                            Map.of("type", "PUBLIC_LINK", "shareOwner", matched.group("owner"))));
        }
        return null;
    }

    private AuditEvent shareEvent(Line entry, String action, Matcher matched, String type, String with) {
        Map<String, String> facts = new HashMap<>();
        facts.put("type", type);
        facts.put("share", matched.group("share"));
        if (with != null) {
            facts.put("sharedWith", with);
        }
        if (action.endsWith("created")) {
            facts.put("permissions", matched.group("perm"));
        }
        return fileEvent(entry, action, matched.group("id"), matched.group("path"), facts);
    }

    /**
     * A public link's token is its secret: it stays out of the trail, so the message (and the
     * request's URL, {@code /s/<token>}) are replaced.
     */
    private static Map<String, String> redacted(String message, Map<String, String> more) {
        Map<String, String> facts = new HashMap<>(more);
        facts.put("message", message);
        facts.put("url", null);
        return facts;
    }

    /** Nextcloud's share types by the words its messages use, as the workspace's share types. */
    private static String shareType(String to) {
        return switch (to) {
            case "user" -> "USER";
            case "group" -> "GROUP";
            case "email recipient", "remote user", "remote group" -> "EXTERNAL";
            default -> "OTHER";
        };
    }

    private AuditEvent account(Line entry) {
        Matcher matched;
        String action = null;
        if ((matched = USER_CHANGE.matcher(entry.message)).matches()) {
            action = switch (matched.group("what")) {
                case "User created" -> "nextcloud.user.created";
                case "User deleted" -> "nextcloud.user.deleted";
                case "User enabled" -> "nextcloud.user.enabled";
                case "User disabled" -> "nextcloud.user.disabled";
                case "UserID assigned" -> "nextcloud.user.assigned";
                default -> "nextcloud.user.unassigned";
            };
        } else if ((matched = USER_PASSWORD.matcher(entry.message)).matches()) {
            action = "nextcloud.user.password-changed";
        } else if ((matched = USER_EMAIL.matcher(entry.message)).matches()) {
            action = "nextcloud.user.email-changed";
        }
        if (action == null) {
            return null;
        }
        String uid = matched.group("uid");
        return entry.event(action, "iam", AuditEvent.Outcome.SUCCESS, entry.actor(),
                uid.isEmpty() ? null : new AuditEvent.Target("account", uid, null), null, entry.facts());
    }

    private AuditEvent fileEvent(Line entry, String action, String nextcloudId, String rawPath,
            Map<String, String> more) {
        Map<String, String> facts = entry.facts();
        facts.putAll(more);
        facts.values().removeIf(java.util.Objects::isNull);
        String path = rawPath == null ? null : workspacePath(rawPath, entry.user);
        String fileId = nextcloudId == null || nextcloudId.isEmpty() ? null : "nc-" + nextcloudId;
        if (fileId != null) {
            facts.put("fileId", fileId);
        }
        if (rawPath != null && !rawPath.equals(path)) {
            facts.put("nextcloudPath", rawPath);
        }
        String level = classification(fileId, rawPath, path, entry.user);
        String targetId = path != null && !path.isEmpty() ? path : fileId;
        AuditEvent.Target target = targetId == null ? null : new AuditEvent.Target("file", targetId, level);
        return entry.event(action, "file", AuditEvent.Outcome.SUCCESS, entry.actor(), target, null, facts);
    }

    /**
     * The label of the file: by its Nextcloud id (the workspace keeps labels by it), else, for a
     * file in the workspace's own account, by its path or the nearest labelled folder above.
     * Other users' paths are their own view (a share may be mounted anywhere), so they are not
     * compared with the workspace's paths.
     */
    private String classification(String fileId, String rawPath, String path, String user) {
        if (fileId != null) {
            Optional<String> level = labels.byFileId(fileId);
            if (level.isPresent()) {
                return level.get();
            }
        }
        boolean workspaceFile = serviceAccount != null && rawPath != null
                && (rawPath.startsWith("/" + serviceAccount + "/files/") || serviceAccount.equals(user));
        if (!workspaceFile || path == null) {
            return null;
        }
        for (String at = path; !at.isEmpty() && !at.equals("/"); at = at.substring(0, Math.max(0, at.lastIndexOf('/')))) {
            Optional<String> level = labels.byPath(at);
            if (level.isPresent()) {
                return level.get();
            }
        }
        return null;
    }

    private static final Pattern HOME = Pattern.compile("/(?<owner>[^/]+)/files(?<rest>/.*)?");

    /**
     * A path as the workspace writes paths: Nextcloud's full form {@code /<user>/files/a/b} (shares,
     * newer previews) loses its {@code /<user>/files} prefix when {@code <user>} is the one acting
     * or the workspace's account; file messages already name the path inside the user's files
     * ({@code /a/b}), where a folder may well be called {@code files}.
     */
    String workspacePath(String path, String user) {
        Matcher home = HOME.matcher(path);
        if (home.matches() && (home.group("owner").equals(user) || home.group("owner").equals(serviceAccount))) {
            return home.group("rest") == null ? "/" : home.group("rest");
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    private static AuditEvent unparsed(String id, String line, String why) {
        return new AuditEvent(id, Instant.now(), "nextcloud.unparsed", "process", AuditEvent.Outcome.UNKNOWN,
                AuditEvent.Actor.SYSTEM, null, null, why, null,
                Map.of(AuditRow.PARSE_ERROR_DETAIL, why, "source", "nextcloud", "raw", line));
    }

    private static Pattern message(String regex) {
        return Pattern.compile(regex, Pattern.DOTALL);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() || NO_VALUE.equals(value.asText())
                ? null : value.asText();
    }

    /** One readable line and what every event made from it carries. */
    private static final class Line {
        final String id;
        final Instant at;
        final JsonNode node;
        final String message;
        final String user;

        Line(String id, Instant at, JsonNode node, String message, String user) {
            this.id = id;
            this.at = at;
            this.node = node;
            this.message = message;
            this.user = user;
        }

        AuditEvent.Actor actor() {
            return user == null ? new AuditEvent.Actor(ANONYMOUS, null) : new AuditEvent.Actor(user, user);
        }

        Map<String, String> facts() {
            Map<String, String> facts = new HashMap<>();
            facts.put("source", "nextcloud");
            facts.put("message", message);
            for (String field : List.of("app", "method", "url", "version")) {
                String value = text(node, field);
                if (value != null) {
                    facts.put(field, value);
                }
            }
            return facts;
        }

        AuditEvent event(String action, String category, AuditEvent.Outcome outcome, AuditEvent.Actor actor,
                AuditEvent.Target target, String reason, Map<String, String> facts) {
            String ip = text(node, "remoteAddr");
            String agent = text(node, "userAgent");
            return new AuditEvent(id, at, action, category, outcome, actor, target,
                    ip == null && agent == null ? null : new AuditEvent.Source(ip, agent), reason,
                    text(node, "reqId"), facts);
        }
    }
}
