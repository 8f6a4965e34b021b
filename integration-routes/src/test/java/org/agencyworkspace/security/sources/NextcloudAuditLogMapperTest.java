package org.agencyworkspace.security.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.detection.DetectionEngine;
import org.agencyworkspace.security.detection.DetectionRulesFile;
import org.agencyworkspace.security.detection.Finding;
import org.junit.jupiter.api.Test;

/**
 * Lines as Nextcloud's admin_audit app writes them (its message texts, Nextcloud's JSON file log
 * fields), known and unknown, and lines that are not readable.
 */
class NextcloudAuditLogMapperTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVICE_ACCOUNT = "workspace";

    /** Labels kept by Nextcloud file id (nc-42) and by workspace path (a folder). */
    static final NextcloudAuditLogMapper.Labels LABELS = new NextcloudAuditLogMapper.Labels() {
        @Override
        public Optional<String> byFileId(String fileId) {
            return fileId.equals("nc-42") ? Optional.of("secret") : Optional.empty();
        }

        @Override
        public Optional<String> byPath(String path) {
            return path.equals("/人事室") ? Optional.of("confidential") : Optional.empty();
        }
    };

    private final NextcloudAuditLogMapper mapper = new NextcloudAuditLogMapper(JSON, SERVICE_ACCOUNT, LABELS);

    /** One line of audit.log, as Nextcloud's file log writes it. */
    static String line(String user, String message) {
        return line(user, message, "Zq3x" + Math.abs(message.hashCode()), "2026-11-27T03:12:45+00:00");
    }

    static String line(String user, String message, String reqId, String time) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reqId", reqId);
        fields.put("level", 1);
        fields.put("time", time);
        fields.put("remoteAddr", "10.0.0.5");
        fields.put("user", user);
        fields.put("app", "admin_audit");
        fields.put("method", "POST");
        fields.put("url", "/login");
        fields.put("message", message);
        fields.put("userAgent", "Mozilla/5.0 (X11; Linux x86_64)");
        fields.put("version", "30.0.2.2");
        try {
            return JSON.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loginsBecomeTheActionsTheBruteForceRulesCount() {
        AuditEvent success = mapper.map(line("alice", "Login successful: \"alice\""));
        AuditEvent failure = mapper.map(line("--", "Login failed: \"bob\""));
        AuditEvent attempt = mapper.map(line("--", "Login attempt: \"bob\""));
        AuditEvent logout = mapper.map(line("alice", "Logout occurred"));

        assertThat(success.action()).isEqualTo("login.success");
        assertThat(success.category()).isEqualTo("authentication");
        assertThat(success.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(success.actor().id()).isEqualTo("alice");
        assertThat(success.source().ip()).isEqualTo("10.0.0.5");
        assertThat(success.source().userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(success.timestamp()).isEqualTo(Instant.parse("2026-11-27T03:12:45Z"));
        assertThat(success.traceId()).startsWith("Zq3x");
        assertThat(success.details()).containsEntry("source", "nextcloud").containsEntry("version", "30.0.2.2")
                .doesNotContainKey("parse_error");
        assertThat(failure.action()).isEqualTo("login.failure");
        assertThat(failure.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(failure.actor().id()).isEqualTo("bob");
        assertThat(attempt.action()).isEqualTo("login.attempt");
        assertThat(attempt.outcome()).isEqualTo(AuditEvent.Outcome.UNKNOWN);
        assertThat(logout.action()).isEqualTo("logout");
        assertThat(logout.actor().id()).isEqualTo("alice");
    }

    @Test
    void fileMessagesOfBothVersionsNameTheFileAndItsLabel() {
        AuditEvent accessed = mapper.map(line("alice", "File with id \"42\" accessed: \"/報告/預算.pdf\""));
        AuditEvent accessedOld = mapper.map(line("alice", "File accessed: \"/報告/預算.pdf\""));
        AuditEvent created = mapper.map(line("alice", "File with id \"7\" created: \"/a.txt\""));
        AuditEvent written = mapper.map(line("alice", "File written to: \"/a.txt\""));
        AuditEvent updated = mapper.map(line("alice", "File with id \"7\" updated: \"/a.txt\""));
        AuditEvent deleted = mapper.map(line("alice", "File with id \"7\" deleted: \"/a.txt\""));
        AuditEvent renamed = mapper.map(line("alice", "File renamed with id \"7\" from \"/a.txt\" to \"/b.txt\""));
        AuditEvent renamedOld = mapper.map(line("alice", "File renamed: \"/a.txt\" to \"/b.txt\""));
        AuditEvent copied = mapper.map(line("alice",
                "File id copied from: \"7\" to \"8\", path from \"/a.txt\" to \"/c.txt\""));
        AuditEvent preview = mapper.map(line("alice", "Preview accessed: (id: \"42\", width: \"256\", height: \"256\""
                + " crop: \"1\", mode: \"fill\", path: \"/alice/files/報告/預算.pdf\")"));

        assertThat(accessed.action()).isEqualTo("file.download");
        assertThat(accessed.category()).isEqualTo("file");
        assertThat(accessed.actor().id()).isEqualTo("alice");
        assertThat(accessed.target().id()).isEqualTo("/報告/預算.pdf");
        assertThat(accessed.target().classification()).isEqualTo("secret");
        assertThat(accessed.details()).containsEntry("fileId", "nc-42");
        assertThat(accessedOld.action()).isEqualTo("file.download");
        assertThat(accessedOld.target().id()).isEqualTo("/報告/預算.pdf");
        // alice's own view of a path is not compared with the workspace's paths
        assertThat(accessedOld.target().classification()).isNull();
        assertThat(created.action()).isEqualTo("file.created");
        assertThat(written.action()).isEqualTo("file.written");
        assertThat(updated.action()).isEqualTo("file.updated");
        assertThat(deleted.action()).isEqualTo("file.deleted");
        assertThat(deleted.target().id()).isEqualTo("/a.txt");
        assertThat(renamed.action()).isEqualTo("file.renamed");
        assertThat(renamed.target().id()).isEqualTo("/b.txt");
        assertThat(renamed.details()).containsEntry("oldPath", "/a.txt").containsEntry("fileId", "nc-7");
        assertThat(renamedOld.target().id()).isEqualTo("/b.txt");
        assertThat(copied.action()).isEqualTo("file.copied");
        assertThat(copied.target().id()).isEqualTo("/c.txt");
        assertThat(copied.details()).containsEntry("copiedFrom", "/a.txt").containsEntry("fileId", "nc-8");
        assertThat(preview.action()).isEqualTo("file.preview");
        assertThat(preview.target().id()).isEqualTo("/報告/預算.pdf");
        assertThat(preview.target().classification()).isEqualTo("secret");
        assertThat(preview.details()).containsEntry("nextcloudPath", "/alice/files/報告/預算.pdf");
        assertThat(java.util.List.of(accessed, created, written, updated, deleted, renamed, copied, preview))
                .allSatisfy(event -> assertThat(event.details()).doesNotContainKey("parse_error"));
    }

    @Test
    void theWorkspaceAccountsFilesAreWorkspacePathsWithInheritedLabelsAndItsReadsAreNoDownloads() {
        AuditEvent read = mapper.map(line(SERVICE_ACCOUNT, "File accessed: \"/人事室/2026/名冊.pdf\""));
        AuditEvent shared = mapper.map(line("alice", "The file \"/workspace/files/人事室/2026/名冊.pdf\" with ID"
                + " \"99\" has been shared via link with permissions \"1\" (Share ID: 15)"));

        assertThat(read.action()).isEqualTo("file.read");
        assertThat(read.target().id()).isEqualTo("/人事室/2026/名冊.pdf");
        assertThat(read.target().classification()).isEqualTo("confidential");
        assertThat(shared.target().id()).isEqualTo("/人事室/2026/名冊.pdf");
        assertThat(shared.target().classification()).isEqualTo("confidential");
    }

    @Test
    void sharesCarryTheWorkspacesShareTypesSoOutsideSharesAreSeen() {
        AuditEvent link = mapper.map(line("alice", "The file \"/alice/files/報告/預算.pdf\" with ID \"42\""
                + " has been shared via link with permissions \"1\" (Share ID: 15)"));
        AuditEvent user = mapper.map(line("alice", "The file \"/alice/files/a.txt\" with ID \"7\""
                + " has been shared to the user \"bob\" with permissions \"19\"  (Share ID: 16)"));
        AuditEvent email = mapper.map(line("alice", "The file \"/alice/files/報告/預算.pdf\" with ID \"42\""
                + " has been shared to the email recipient \"x@example.org\" with permissions \"1\" (Share ID: 17)"));
        AuditEvent remote = mapper.map(line("alice", "The folder \"/alice/files/p\" with ID \"9\""
                + " has been shared to the remote user \"carol@cloud.example.org\" with permissions \"31\" (Share ID: 18)"));
        AuditEvent unshared = mapper.map(line("alice", "The file \"/預算.pdf\" with ID \"42\" has been unshared (Share ID: 15)"));
        AuditEvent unsharedUser = mapper.map(line("alice",
                "The file \"/a.txt\" with ID \"7\" has been unshared from the user \"bob\" (Share ID: 16)"));
        AuditEvent permissions = mapper.map(line("alice",
                "The permissions of the shared file \"/alice/files/a.txt\" with ID \"7\" have been changed to \"17\""));
        AuditEvent password = mapper.map(line("alice",
                "The password of the publicly shared file \"Tk9secret\" with ID \"42\" has been changed"));
        AuditEvent expiry = mapper.map(line("alice",
                "The expiration date of the publicly shared file with ID \"42\" has been changed to \"2026-12-31 00:00:00\""));
        AuditEvent accessed = mapper.map(line("--", "The shared file with the token \"Tk9secret\" by \"alice\" has been accessed."));

        assertThat(link.action()).isEqualTo("file.share.created");
        assertThat(link.target().id()).isEqualTo("/報告/預算.pdf");
        assertThat(link.target().classification()).isEqualTo("secret");
        assertThat(link.details()).containsEntry("type", "PUBLIC_LINK").containsEntry("share", "15");
        assertThat(user.details()).containsEntry("type", "USER").containsEntry("sharedWith", "bob");
        assertThat(email.details()).containsEntry("type", "EXTERNAL").containsEntry("sharedWith", "x@example.org");
        assertThat(remote.details()).containsEntry("type", "EXTERNAL");
        assertThat(unshared.action()).isEqualTo("file.share.deleted");
        assertThat(unshared.details()).containsEntry("type", "PUBLIC_LINK").containsEntry("fileId", "nc-42");
        assertThat(unsharedUser.details()).containsEntry("type", "USER").containsEntry("sharedWith", "bob");
        assertThat(permissions.action()).isEqualTo("file.share.changed");
        assertThat(permissions.target().id()).isEqualTo("/a.txt");
        assertThat(password.action()).isEqualTo("file.share.changed");
        assertThat(password.target().id()).isEqualTo("nc-42");
        assertThat(expiry.details()).containsEntry("expires", "2026-12-31 00:00:00");
        assertThat(accessed.action()).isEqualTo("file.share.accessed");
        assertThat(accessed.actor().id()).isEqualTo("anonymous");
        assertThat(java.util.List.of(link, user, email, remote, unshared, unsharedUser, permissions, password,
                expiry, accessed)).allSatisfy(event -> {
                    assertThat(event.details()).doesNotContainKey("parse_error");
                    assertThat(event.details().values()).noneMatch(value -> value.contains("Tk9secret"));
                });
    }

    @Test
    void nextcloudEventsTriggerTheWorkspacesDetectionRules() {
        List<String> levels = List.of("unmarked", "secret", "confidential", "top-secret", "absolutely-secret");
        DetectionEngine engine = new DetectionEngine(
                DetectionRulesFile.parse(DetectionRulesFile.defaultText(), levels::contains), levels::indexOf,
                login -> Optional.of(true));
        List<Finding> fired = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fired.addAll(engine.evaluate(mapper.map(line("--", "Login failed: \"bob\"", "req" + i,
                    "2026-11-27T03:12:4" + i + "+00:00"))));
        }
        fired.addAll(engine.evaluate(mapper.map(line("alice", "The file \"/alice/files/a.txt\" with ID \"42\""
                + " has been shared to the user \"bob\" with permissions \"19\"  (Share ID: 16)"))));
        fired.addAll(engine.evaluate(mapper.map(line("alice", "The file \"/alice/files/報告/預算.pdf\" with ID \"42\""
                + " has been shared via link with permissions \"1\" (Share ID: 15)"))));

        assertThat(fired).extracting(Finding::ruleId)
                .containsExactly("brute-force-user", "labelled-share-outside");
        assertThat(fired.get(0).entity()).isEqualTo("user:bob");
        assertThat(fired.get(1).entity()).isEqualTo("file:/報告/預算.pdf");
    }

    @Test
    void accountChangesAreIamEventsOnTheAccount() {
        assertThat(mapper.map(line("admin", "User created: \"dave\""))).satisfies(event -> {
            assertThat(event.action()).isEqualTo("nextcloud.user.created");
            assertThat(event.category()).isEqualTo("iam");
            assertThat(event.actor().id()).isEqualTo("admin");
            assertThat(event.target().type()).isEqualTo("account");
            assertThat(event.target().id()).isEqualTo("dave");
        });
        assertThat(mapper.map(line("admin", "User deleted: \"dave\"")).action()).isEqualTo("nextcloud.user.deleted");
        assertThat(mapper.map(line("admin", "User disabled: \"dave\"")).action()).isEqualTo("nextcloud.user.disabled");
        assertThat(mapper.map(line("admin", "User enabled: \"dave\"")).action()).isEqualTo("nextcloud.user.enabled");
        assertThat(mapper.map(line("dave", "Password of user \"dave\" has been changed")).action())
                .isEqualTo("nextcloud.user.password-changed");
        assertThat(mapper.map(line("admin", "Email address changed for user dave")).target().id()).isEqualTo("dave");
    }

    @Test
    void unknownMessagesAndUnreadableLinesAreKeptWithAParseError() {
        AuditEvent unknown = mapper.map(line("admin", "App enabled: \"calendar\""));
        AuditEvent notJson = mapper.map("{\"reqId\":\"x\",\"message\":");
        AuditEvent noTime = mapper.map("{\"reqId\":\"x\",\"time\":\"yesterday\",\"message\":\"Logout occurred\"}");
        AuditEvent array = mapper.map("[1,2]");

        assertThat(unknown.action()).isEqualTo("nextcloud.message");
        assertThat(unknown.actor().id()).isEqualTo("admin");
        assertThat(unknown.details()).containsEntry("parse_error", "unknown admin_audit message")
                .containsEntry("message", "App enabled: \"calendar\"");
        assertThat(notJson.action()).isEqualTo("nextcloud.unparsed");
        assertThat(notJson.details()).containsKey("parse_error").containsEntry("raw", "{\"reqId\":\"x\",\"message\":");
        assertThat(noTime.details().get("parse_error")).contains("ISO 8601");
        assertThat(array.details()).containsEntry("parse_error", "not a JSON object");
        assertThat(notJson.id()).isEqualTo(NextcloudAuditLogMapper.auditId("{\"reqId\":\"x\",\"message\":"))
                .isNotEqualTo(noTime.id());
    }
}
