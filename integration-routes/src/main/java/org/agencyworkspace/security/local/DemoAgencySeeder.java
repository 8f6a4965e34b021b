package org.agencyworkspace.security.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When asked to ({@code workspace.security.local.seed-demo-agency}, which {@code bin/workspace
 * run} turns on), creates a small demo agency on first start (departments and staff with roles
 * and clearance levels) so the workspace can be tried at once. The first password is
 * {@code workspace.security.local.initial-password} or a generated one; each person also gets a
 * one-time enrolment code of their own, without which nobody can set up the authenticator app
 * of that account. Password and codes are written once to
 * {@code <data-dir>/initial-credentials.txt} (readable by the owner only) and never logged.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "workspace.security.mode", havingValue = "local", matchIfMissing = true)
public class DemoAgencySeeder implements ApplicationRunner {

    static final String CREDENTIALS_FILE = "initial-credentials.txt";

    private static final Logger LOG = LoggerFactory.getLogger(DemoAgencySeeder.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    record DemoAgency(List<LocalAccounts.Department> departments, List<DemoStaff> staff) {
    }

    record DemoStaff(String login, String nameEn, String nameZh, String email,
            List<String> departments, List<String> roles, String clearance) {
    }

    private final LocalAccounts accounts;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final SecurityProperties.Local local;
    private final Path dataDir;
    private final EnrolmentCodes enrolmentCodes;

    public DemoAgencySeeder(LocalAccounts accounts, PasswordEncoder passwords,
            TransactionTemplate transaction, ObjectMapper json, AuditTrail audit,
            SecurityProperties security, WorkspaceProperties workspace,
            EnrolmentCodes enrolmentCodes) {
        this.enrolmentCodes = enrolmentCodes;
        this.accounts = accounts;
        this.passwords = passwords;
        this.transaction = transaction;
        this.json = json;
        this.audit = audit;
        this.local = security.local();
        this.dataDir = workspace.dataDir();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!local.seedDemoAgency() || accounts.count() > 0) {
            return;
        }
        DemoAgency agency = readDemoAgency();
        boolean generated = local.initialPassword() == null || local.initialPassword().isBlank();
        String password = generated ? randomPassword() : local.initialPassword();
        String hash = passwords.encode(password);
        Map<String, EnrolmentCodes.Issued> codes = new LinkedHashMap<>();
        transaction.executeWithoutResult(status -> {
            agency.departments().forEach(accounts::addDepartment);
            for (DemoStaff person : agency.staff()) {
                accounts.create(new LocalAccount(person.login(), person.nameEn(), person.nameZh(),
                        person.email(), hash, null, null, person.clearance(), person.roles(),
                        person.departments(), true, 0, null));
                codes.put(person.login(), enrolmentCodes.issue(person.login()).orElseThrow());
            }
        });
        audit.record(AuditEvent.of("demo-agency.seed", "iam")
                .target("agency", "demo")
                .reason(agency.staff().size() + " demo accounts created")
                .build());
        Path file = writeCredentials(agency, generated ? password : null, codes);
        LOG.info("Created the demo agency: {} accounts; their one-time enrolment codes{} are in {} "
                + "(hand each person their own code, then delete the file)",
                agency.staff().size(), generated ? " and first password" : "",
                file.toAbsolutePath());
    }

    private DemoAgency readDemoAgency() {
        try (InputStream in = getClass().getResourceAsStream("/demo/demo-agency.json")) {
            return json.readValue(in, DemoAgency.class);
        } catch (IOException e) {
            throw new UncheckedIOException("demo agency data missing from the application", e);
        }
    }

    /** @param password the generated first password, or null when it was configured */
    private Path writeCredentials(DemoAgency agency, String password,
            Map<String, EnrolmentCodes.Issued> codes) {
        Path file = dataDir.resolve(CREDENTIALS_FILE);
        StringBuilder text = new StringBuilder()
                .append("# Agency Workspace demo accounts. At first sign-in each person enters the\n")
                .append("# password, then their own one-time enrolment code, then sets up an\n")
                .append("# authenticator app (TOTP). Give each person only their own code; codes\n")
                .append("# expire at the time shown. Delete this file once the codes are handed over.\n")
                .append("password: ")
                .append(password != null ? password : "(workspace.security.local.initial-password)")
                .append('\n');
        agency.staff().forEach(person -> text.append(person.login()).append("  ")
                .append(String.join(",", person.roles())).append("  clearance=")
                .append(person.clearance()).append("  enrolment-code=")
                .append(codes.get(person.login()).code()).append("  expires=")
                .append(codes.get(person.login()).expiresAt()).append('\n'));
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
