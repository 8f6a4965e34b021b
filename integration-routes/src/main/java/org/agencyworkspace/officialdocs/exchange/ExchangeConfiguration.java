package org.agencyworkspace.officialdocs.exchange;

import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgements;
import org.agencyworkspace.connector.signing.ExchangePackageReader;
import org.agencyworkspace.connector.signing.ExchangePackager;
import org.agencyworkspace.connector.signing.KnownSender;
import org.agencyworkspace.connector.signing.SignatureValidator;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.officialdocs.PemCertificates;
import org.agencyworkspace.officialdocs.SigningProperties;
import org.agencyworkspace.officialdocs.SigningSetup;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Builds the exchange from {@link ExchangeProperties} when {@code workspace.exchange.code} is set:
 * the agency's exchange key, the packager, the reader (trusting the agency CA, the signing trust
 * anchors and each sender's anchors), one mutual-TLS client per HTTPS recipient, and the HTTPS
 * inbox as a second Tomcat connector that demands a client certificate.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
class ExchangeConfiguration {

    @Bean
    ExchangeSetup exchangeSetup(ExchangeProperties properties, SigningProperties signing, SigningSetup signingSetup,
            WorkspaceProperties workspace, ClassificationScheme scheme, Clock clock) {
        List<X509Certificate> anchors = new ArrayList<>();
        signingSetup.authority().ifPresent(ca -> anchors.add(ca.certificate()));
        signing.trustAnchors().forEach(file -> anchors.addAll(PemCertificates.read(file, "workspace.signing.trust-anchors")));
        properties.senders().forEach(sender -> sender.trustAnchors().forEach(file ->
                anchors.addAll(PemCertificates.read(file, "workspace.exchange.senders[" + sender.code() + "].trust-anchors"))));
        if (anchors.isEmpty()) {
            throw new IllegalStateException("workspace.exchange needs trust anchors: the agency CA or configured roots");
        }
        CertificateChecks checks = new CertificateChecks(anchors, clock);
        SignatureValidator validator = new SignatureValidator(checks);
        ExchangeLevels levels = new ExchangeLevels(properties, scheme);
        ExchangePackageReader reader = new ExchangePackageReader(validator,
                properties.senders().stream().map(sender -> new KnownSender(sender.code(), sender.organisation())).toList(),
                levels.acceptedLabels(), (int) Math.min(Integer.MAX_VALUE - 1, properties.maxPackage().toBytes()));
        Map<String, HttpClient> clients = new LinkedHashMap<>();
        properties.recipients().forEach((code, recipient) -> {
            if (recipient.url() != null) {
                String setting = "workspace.exchange.recipients." + code;
                clients.put(code, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                        .sslContext(TlsContexts.client(recipient.keyStore(), recipient.keyStorePassword(),
                                recipient.trustAnchors(), setting))
                        .build());
            }
        });
        return new ExchangeSetup(signing.agency(),
                ExchangeSeal.openOrCreate(workspace.dataDir(), properties, checks, signingSetup.authority(), signing.agency(), clock),
                new ExchangePackager(checks, Optional.empty()), reader, new ExchangeAcknowledgements(checks, validator),
                levels, Map.copyOf(clients), workspace.dataDir().resolve("exchange"));
    }

    /** Machines, not people: stateless, no CSRF, no sign-in; the client certificate is the credential. */
    @Bean
    @Order(2)
    SecurityFilterChain exchangeInboxSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(ExchangeInboxController.PATH)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @ConditionalOnProperty(prefix = "workspace.exchange.inbox", name = "port")
    FilterRegistrationBean<InboxPortFilter> exchangeInboxPortFilter(ExchangeProperties properties) {
        FilterRegistrationBean<InboxPortFilter> registration = new FilterRegistrationBean<>(
                new InboxPortFilter(properties.inbox().port()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(properties.inbox().port() != 0);
        return registration;
    }

    /**
     * The HTTPS inbox: its own port, TLS with {@code certificateVerification=required}, so no
     * request reaches the application without a client certificate chaining to the inbox's anchors.
     */
    @Bean
    @ConditionalOnProperty(prefix = "workspace.exchange.inbox", name = "port")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> exchangeInboxConnector(ExchangeProperties properties) {
        ExchangeProperties.Inbox inbox = properties.inbox();
        return factory -> {
            if (inbox.port() == 0) {
                return;
            }
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(inbox.port());
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            connector.setMaxPostSize((int) Math.min(Integer.MAX_VALUE, properties.maxPackage().toBytes() + 1));
            SSLHostConfig ssl = new SSLHostConfig();
            ssl.setCertificateVerification("required");
            ssl.setTrustStore(TlsContexts.trustStore(inbox.trustAnchors(), "workspace.exchange.inbox.trust-anchors"));
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystore(TlsContexts.keyStore(inbox.keyStore(), inbox.keyStorePassword(),
                    "workspace.exchange.inbox.key-store"));
            certificate.setCertificateKeystorePassword(inbox.keyStorePassword());
            ssl.addCertificate(certificate);
            connector.addSslHostConfig(ssl);
            factory.addAdditionalTomcatConnectors(connector);
        };
    }
}
