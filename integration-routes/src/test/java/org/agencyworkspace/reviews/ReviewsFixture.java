package org.agencyworkspace.reviews;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.platform.messaging.OutboxMessenger;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.security.local.SecretBox;
import org.agencyworkspace.security.local.TotpCodes;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.support.TestNotifications;

/**
 * The review services over a fresh in-memory database with a small agency: alice (officer, in
 * general-affairs), dave (manager: approves decisions), erin and carol (staff members).
 */
final class ReviewsFixture {

    static final WorkspaceUser ALICE = user("alice", "staff", "general-affairs");
    static final WorkspaceUser DAVE = user("dave", "manager", "accounting");
    static final WorkspaceUser ERIN = user("erin", "staff", "personnel");
    static final WorkspaceUser CAROL = user("carol", "staff", "security");
    static final Instant START = Instant.parse("2026-12-07T01:00:00Z");
    static final Instant MEETING = START.plus(Duration.ofDays(2));

    final TestDatabase database = new TestDatabase();
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final MutableClock clock = new MutableClock(START);
    final ClassificationScheme scheme = DefaultLevels.scheme(false);
    final NotificationTemplates texts = new NotificationTemplates(TestNotifications.messageSource());
    final MessageOutbox outbox = new MessageOutbox(database.jdbc(), new ObjectMapper(), clock);
    final OutboxMessenger messenger = new OutboxMessenger(outbox, texts);
    /** No Keycloak guest realm. */
    static final ReviewsProperties.GuestRealm NO_GUEST_REALM = new ReviewsProperties.GuestRealm(null,
            "workspace-guests", null, "workspace-guests-connector", null, Duration.ofDays(30), Duration.ofSeconds(15),
            Duration.ofSeconds(30), 3);
    final ReviewsProperties properties;
    final WorkspaceProperties workspace = new WorkspaceProperties(Path.of("data"), Path.of("logs"),
            Locale.forLanguageTag("zh-TW"), List.of(Locale.forLanguageTag("zh-TW"), Locale.ENGLISH),
            ZoneId.of("Asia/Taipei"), URI.create("https://workspace.test/"));
    final TotpCodes totp = new TotpCodes(clock, "Agency Workspace");
    final ReviewGuests guests;
    final Approvals approvals;
    final Reviews reviews;

    ReviewsFixture(Path folder) {
        this(folder, NO_GUEST_REALM);
    }

    ReviewsFixture(Path folder, ReviewsProperties.GuestRealm guestRealm) {
        properties = new ReviewsProperties("general-affairs", "manager", 5, "1/3",
                Duration.ofDays(7), Duration.ofMinutes(10), 5, new ReviewsProperties.Mail(Duration.ofSeconds(1),
                        Duration.ofSeconds(30), Duration.ofMinutes(30), 3), guestRealm);
        var jdbc = database.jdbc();
        LocalAccounts accounts = new LocalAccounts(jdbc, clock);
        for (String department : List.of("general-affairs", "accounting", "personnel", "security")) {
            accounts.addDepartment(new LocalAccounts.Department(department, department, department));
        }
        for (WorkspaceUser person : List.of(ALICE, DAVE, ERIN, CAROL)) {
            accounts.create(new LocalAccount(person.login(), person.login(), person.login(), null, "{hash}",
                    null, null, "secret", person.roles(), person.departments(), true, 0, null));
        }
        var directory = new JdbcStaffDirectory(jdbc);
        approvals = new Approvals(jdbc, directory, messenger, events, audit, clock, URI.create("https://workspace.test/"));
        guests = new ReviewGuests(jdbc, properties, totp, SecretBox.fromKeyFile(folder.resolve("workspace.key")),
                audit, events, clock);
        reviews = new Reviews(jdbc, properties, guests, directory, scheme, approvals, messenger, audit, events,
                workspace, clock);
    }

    /** A review with the candidates 甲, 乙, 丙 (proposals under /proposals), the two criteria of {@link ScoringTest}. */
    Reviews.NewReview newReview(String caseNumber, ScoringMethod method, BigDecimal passMark,
            List<Reviews.NewMember> members) {
        List<Reviews.NewCandidate> candidates = new ArrayList<>();
        for (String name : List.of("甲公司", "乙公司", "丙公司")) {
            candidates.add(new Reviews.NewCandidate(name, "/proposals/" + name + ".pdf"));
        }
        return new Reviews.NewReview(caseNumber, "資訊系統委外開發 evaluation", method, passMark, "secret",
                MEETING, MEETING.plus(Duration.ofHours(6)), false, candidates,
                List.of(new Reviews.NewCriterion("技術能力", new BigDecimal(60), new BigDecimal(100)),
                        new Reviews.NewCriterion("價格合理性", new BigDecimal(40), new BigDecimal(10))),
                members);
    }

    /** Five members: erin and carol (staff), three outside experts. */
    static List<Reviews.NewMember> fiveMembers() {
        return List.of(new Reviews.NewMember("erin", null, null, null),
                new Reviews.NewMember(null, "prof.wang@university.test", "王教授", "zh-TW"),
                new Reviews.NewMember(null, "Dr.Lee@Institute.test", "Dr. Lee", "en"),
                new Reviews.NewMember("carol", null, null, null),
                new Reviews.NewMember(null, "chen@consulting.test", "陳顧問", null));
    }

    static WorkspaceUser user(String login, String role, String department) {
        return new WorkspaceUser(login, login, List.of(role), List.of(department), "secret");
    }
}
