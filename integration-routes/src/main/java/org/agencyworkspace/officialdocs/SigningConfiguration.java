package org.agencyworkspace.officialdocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.SignatureValidator;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the agency CA and the validator from {@link SigningProperties}. */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    @Bean
    SigningSetup signingSetup(SigningProperties properties, WorkspaceProperties workspace, JdbcClient jdbc,
            AuditTrail audit) {
        Clock clock = Clock.systemUTC();
        Optional<AgencyAuthority> authority = properties.caEnabled()
                ? Optional.of(AgencyAuthority.openOrCreate(properties, workspace, jdbc, audit, clock))
                : Optional.empty();
        List<X509Certificate> anchors = new ArrayList<>();
        authority.ifPresent(ca -> anchors.add(ca.certificate()));
        properties.trustAnchors().forEach(file -> anchors.addAll(certificatesIn(file)));
        Optional<CertificateChecks> checks = anchors.isEmpty() ? Optional.empty()
                : Optional.of(new CertificateChecks(anchors, clock));
        return new SigningSetup(authority, checks.map(SignatureValidator::new), checks);
    }

    private static List<X509Certificate> certificatesIn(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException("workspace.signing.trust-anchors: no certificate in " + file);
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("workspace.signing.trust-anchors: cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("workspace.signing.trust-anchors: not PEM certificates: " + file, e);
        }
    }
}
