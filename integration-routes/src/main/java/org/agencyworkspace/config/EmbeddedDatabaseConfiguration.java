package org.agencyworkspace.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * When no database is configured, the workspace keeps its data in an H2 file database under
 * {@code workspace.data-dir} (made absolute, as H2 requires), in PostgreSQL mode so one set of
 * migrations serves both databases. {@code AUTO_SERVER} lets a command run beside the workspace
 * ({@code identity reconcile}, {@code audit verify}) open the same database through a TCP server
 * that the first process starts; that server listens on the loopback interface only, and the
 * database has a random password kept in {@code <data-dir>/db-password} (owner-only).
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedDatabaseConfiguration {

    /**
     * {@code WRITE_DELAY=0}: H2 writes each commit to the file before confirming it. Its default
     * (500 ms) keeps confirmed commits in the JVM's memory, and a process killed in that window
     * loses them (issue 22: a database re-opened after a kill was missing work it had confirmed).
     * {@code LOCK_TIMEOUT=20000}: a writer waits up to 20 s for a row another holds. H2's default
     * (2 s) is shorter than the audit chain's head row is held on a busy machine: the crash harness
     * saw a first start's start-up work fail on "Timeout trying to lock table audit_chain_head"
     * beside the routes' own audit events, and the workspace shut down. PostgreSQL waits without a
     * limit by default.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=20000";
    static final String USER = "workspace";
    static final String PASSWORD_FILE = "db-password";
    /** H2 reads it once, when its first class loads: it decides where AUTO_SERVER listens. */
    static final String H2_BIND_ADDRESS = "h2.bindAddress";

    /**
     * How to reach the embedded database.
     *
     * @param password never logged
     */
    public record Settings(String url, String username, String password) {

        @Override
        public String toString() {
            return "Settings[url=" + url + ", username=" + username + ", password=******]";
        }
    }

    @Bean
    static BeanPostProcessor embeddedDatabaseDefaults(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSourceProperties database
                        && !StringUtils.hasText(database.getUrl())) {
                    Settings settings = embedded(Path.of(
                            environment.getProperty("workspace.data-dir", "data")));
                    database.setUrl(settings.url());
                    database.setUsername(settings.username());
                    database.setPassword(settings.password());
                }
                return bean;
            }
        };
    }

    /**
     * The embedded database of {@code dataDir}: keeps its AUTO_SERVER on loopback (unless the
     * operator chose another address with {@code -Dh2.bindAddress}), and creates its password on
     * first use. A database made before it had a password gets one now.
     */
    public static Settings embedded(Path dataDir) {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
        CheckoutDataGuard.refuseInTests(dataDir);
        Path dir = dataDir.toAbsolutePath().normalize();
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("workspace") + H2_OPTIONS;
        return new Settings(url, USER, password(dir, url));
    }

    private static String password(Path dataDir, String url) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        Path pending = dataDir.resolve(PASSWORD_FILE + ".pending");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            boolean databaseExists = Files.exists(dataDir.resolve("db").resolve("workspace.mv.db"));
            String password;
            if (Files.exists(pending)) {
                password = Files.readString(pending).strip();
            } else {
                password = HexFormat.of().formatHex(randomBytes());
                writeOwnerOnly(pending, password);
            }
            if (databaseExists) {
                setPasswordIfEmpty(url, password);
            }
            // The password is in force (or the database is yet to be made with it): keep it.
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded database password in "
                    + file + "; check that the data folder belongs to the workspace's user", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * Opens the database with the empty password of earlier versions and sets {@code password};
     * when that fails because a password is already set (a start that stopped after setting it),
     * nothing is to be done.
     */
    private static void setPasswordIfEmpty(String url, String password) {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("SET PASSWORD '" + password + "'");
        } catch (SQLException e) {
            if (e.getErrorCode() != org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException("cannot set the embedded database's password: "
                        + e.getMessage(), e);
            }
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }
}
