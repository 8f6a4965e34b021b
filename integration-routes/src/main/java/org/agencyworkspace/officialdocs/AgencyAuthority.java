package org.agencyworkspace.officialdocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.signing.AgencyCa;
import org.agencyworkspace.connector.signing.Revocation;
import org.agencyworkspace.connector.signing.SigningRefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The agency CA as the workspace runs it: its key file in the data folder (encrypted with the
 * configured passphrase, created on first start), its revocations in {@code signing_revocation},
 * and the CRL it publishes at {@link #CRL_PATH}, issued afresh on each request so it is never stale.
 */
public class AgencyAuthority {

    public static final String CRL_PATH = "/signing/crl/agency.crl";
    public static final String CERTIFICATE_PATH = "/signing/crl/agency.crt";

    private final AgencyCa ca;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final SigningProperties properties;
    private final Clock clock;

    AgencyAuthority(AgencyCa ca, JdbcClient jdbc, AuditTrail audit, SigningProperties properties, Clock clock) {
        this.ca = ca;
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens the CA's key file, or creates the CA and its key file when there is none yet. */
    static AgencyAuthority openOrCreate(SigningProperties properties, WorkspaceProperties workspace, JdbcClient jdbc,
            AuditTrail audit, Clock clock) {
        char[] passphrase = properties.caPassphrase().toCharArray();
        URI crlUrl = URI.create(workspace.publicBase() + CRL_PATH);
        Path file = workspace.dataDir().resolve("signing").resolve("agency-ca.p12");
        AgencyCa ca;
        try {
            if (Files.exists(file)) {
                try {
                    ca = AgencyCa.open(Files.readAllBytes(file), passphrase, crlUrl, clock);
                } catch (SigningRefusedException e) {
                    throw new IllegalStateException("workspace.signing.ca-passphrase does not open the agency CA key file "
                            + file + ": " + e.getMessage(), e);
                }
            } else {
                ca = AgencyCa.create(properties.agency(), clock.instant().plus(properties.caValidity()), crlUrl, clock);
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), ".agency-ca", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temporary, ca.toPkcs12(passphrase));
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                audit.record(AuditEvent.of("signing.ca-create", "configuration").actor(AuditEvent.Actor.SYSTEM)
                        .target("agency-ca", ca.certificate().getSerialNumber().toString(16)).success().build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the agency CA key file " + file, e);
        }
        return new AgencyAuthority(ca, jdbc, audit, properties, clock);
    }

    public AgencyCa ca() {
        return ca;
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** The current CRL (DER), listing every revocation recorded. */
    public byte[] crl() {
        List<Revocation> revoked = jdbc.sql("SELECT serial, revoked_at, reason FROM signing_revocation")
                .query((row, index) -> new Revocation(new BigInteger(row.getString("serial"), 16),
                        row.getTimestamp("revoked_at").toInstant(), Revocation.Reason.valueOf(row.getString("reason"))))
                .list();
        Instant now = clock.instant();
        // CRL numbers must grow: the issuing second does, and two CRLs of one second list the same
        return ca.crl(revoked, BigInteger.valueOf(now.getEpochSecond()), now.plus(properties.crlValidity()));
    }

    /**
     * Records that the certificate with {@code serial} is revoked from now; idempotent.
     *
     * @return whether it was newly revoked
     */
    public boolean revoke(BigInteger serial, Revocation.Reason reason, WorkspaceUser by) {
        try {
            jdbc.sql("INSERT INTO signing_revocation (serial, revoked_at, reason, revoked_by) VALUES (?, ?, ?, ?)")
                    .params(serial.toString(16), Timestamp.from(clock.instant()), reason.name(), by.login())
                    .update();
        } catch (DuplicateKeyException e) {
            return false;
        }
        audit.record(AuditEvent.of("signing.revoke", "iam").actor(by.login(), by.displayName())
                .target("certificate", serial.toString(16)).details(Map.of("reason", reason.name())).success().build());
        return true;
    }
}
