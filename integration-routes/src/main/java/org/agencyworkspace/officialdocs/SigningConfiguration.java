package org.agencyworkspace.officialdocs;

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
        properties.trustAnchors().forEach(file -> anchors.addAll(PemCertificates.read(file, "workspace.signing.trust-anchors")));
        Optional<CertificateChecks> checks = anchors.isEmpty() ? Optional.empty()
                : Optional.of(new CertificateChecks(anchors, clock));
        return new SigningSetup(authority, checks.map(SignatureValidator::new), checks);
    }
}
