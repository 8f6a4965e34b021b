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
import java.util.List;
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
 * On first start of the embedded default, creates a small demo agency (departments and staff
 * with roles and clearance levels) so the workspace can be tried at once. The first password is
 * {@code workspace.security.local.initial-password} or, when unset, a generated one written to
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

    public DemoAgencySeeder(LocalAccounts accounts, PasswordEncoder passwords,
            TransactionTemplate transaction, ObjectMapper json, AuditTrail audit,
            SecurityProperties security, WorkspaceProperties workspace) {
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
        transaction.executeWithoutResult(status -> {
            agency.departments().forEach(accounts::addDepartment);
            for (DemoStaff person : agency.staff()) {
                accounts.create(new LocalAccount(person.login(), person.nameEn(), person.nameZh(),
                        person.email(), hash, null, null, person.clearance(), person.roles(),
                        person.departments(), true, 0, null));
            }
        });
        audit.record(AuditEvent.of("demo-agency.seed", "iam")
                .target("agency", "demo")
                .reason(agency.staff().size() + " demo accounts created")
                .build());
        if (generated) {
            Path file = writeCredentials(agency, password);
            LOG.info("Created the demo agency: {} accounts; their first password is in {}",
                    agency.staff().size(), file.toAbsolutePath());
        } else {
            LOG.info("Created the demo agency: {} accounts with the configured initial password",
                    agency.staff().size());
        }
    }

    private DemoAgency readDemoAgency() {
        try (InputStream in = getClass().getResourceAsStream("/demo/demo-agency.json")) {
            return json.readValue(in, DemoAgency.class);
        } catch (IOException e) {
            throw new UncheckedIOException("demo agency data missing from the application", e);
        }
    }

    private Path writeCredentials(DemoAgency agency, String password) {
        Path file = dataDir.resolve(CREDENTIALS_FILE);
        StringBuilder text = new StringBuilder()
                .append("# Agency Workspace demo accounts. Each person enrols an authenticator\n")
                .append("# app (TOTP) at first sign-in. Delete this file once you have noted it.\n")
                .append("password: ").append(password).append('\n');
        agency.staff().forEach(person -> text.append(person.login()).append("  ")
                .append(String.join(",", person.roles())).append("  clearance=")
                .append(person.clearance()).append('\n'));
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
