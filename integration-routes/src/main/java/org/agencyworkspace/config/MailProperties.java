package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import org.agencyworkspace.connector.mail.CertificateFolder;
import org.agencyworkspace.connector.mail.MailSecurity;
import org.agencyworkspace.connector.mail.RecipientCertificates;
import org.agencyworkspace.connector.mail.SmimeProtection;
import org.agencyworkspace.connector.mail.SmtpMailSender;
import org.agencyworkspace.connector.mail.SmtpMailSenderBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing mail over SMTP ({@code workspace.mail.*}). Off while {@code host} is empty: then no
 * mail sender exists and nothing offers mail as a channel.
 *
 * @param host the SMTP server (the agency's submission server or relay)
 * @param port its port: 587 for STARTTLS, 465 for TLS, 25 for a plain local relay
 * @param security {@code none}, {@code starttls} (required, never falls back to plain) or
 *     {@code tls}
 * @param username the account the workspace authenticates with; empty for none
 * @param password that account's password; never logged
 * @param from the From address of every mail, e.g. {@code workspace@agency.example}
 * @param fromName the name shown with it
 * @param heloName the host name given in EHLO; the From address's domain when empty
 * @param trustStore a PKCS#12 file of the certificates the server's must chain to; the JVM's
 *     trust when empty
 * @param trustStorePassword its password; never logged
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for each answer
 * @param smimeKeystore the agency's S/MIME key and certificate chain (PKCS#12); when set, every
 *     mail is signed with it
 * @param smimeKeystorePassword its password; never logged
 * @param smimeKeyAlias the key's alias; may be empty when the file holds one key
 * @param smimeRecipientCertificates a folder of recipients' certificates (PEM or DER); mail to a
 *     recipient with a valid one there is also encrypted
 */
@Validated
@ConfigurationProperties(prefix = "workspace.mail", ignoreUnknownFields = false)
public record MailProperties(
        String host,
        @NotNull @Min(1) @Max(65535) @DefaultValue("587") Integer port,
        @NotNull @DefaultValue("starttls") MailSecurity security,
        String username,
        String password,
        String from,
        @DefaultValue("Agency Workspace") String fromName,
        String heloName,
        Path trustStore,
        String trustStorePassword,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration requestTimeout,
        Path smimeKeystore,
        String smimeKeystorePassword,
        String smimeKeyAlias,
        Path smimeRecipientCertificates) {

    public boolean isConfigured() {
        return host != null && !host.isBlank();
    }

    @AssertTrue(message = "from is required with host")
    public boolean isFromGiven() {
        return !isConfigured() || (from != null && !from.isBlank());
    }

    @AssertTrue(message = "username and password go together")
    public boolean isCredentialsPaired() {
        return (username == null || username.isEmpty()) == (password == null || password.isEmpty());
    }

    @AssertTrue(message = "trust-store must be a readable file")
    public boolean isTrustStoreReadable() {
        return trustStore == null || Files.isReadable(trustStore);
    }

    @AssertTrue(message = "smime-keystore must be a readable file")
    public boolean isSmimeKeystoreReadable() {
        return smimeKeystore == null || Files.isReadable(smimeKeystore);
    }

    @AssertTrue(message = "smime-recipient-certificates needs smime-keystore: mail is encrypted only when signed")
    public boolean isSmimeComplete() {
        return smimeRecipientCertificates == null || smimeKeystore != null;
    }

    /** The SMTP sender these settings describe. */
    public SmtpMailSender sender() {
        SmtpMailSenderBuilder builder = new SmtpMailSenderBuilder()
                .host(host)
                .port(port)
                .security(security)
                .from(from, fromName)
                .heloName(heloName)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout);
        if (username != null && !username.isEmpty()) {
            builder.credentials(username, password);
        }
        if (trustStore != null) {
            builder.trustStore(loadTrustStore());
        }
        if (smimeKeystore != null) {
            builder.smime(SmimeProtection.fromPkcs12(smimeKeystore,
                    smimeKeystorePassword == null ? new char[0] : smimeKeystorePassword.toCharArray(),
                    smimeKeyAlias, smimeRecipientCertificates == null ? RecipientCertificates.none()
                            : new CertificateFolder(smimeRecipientCertificates)));
        }
        return builder.build();
    }

    private KeyStore loadTrustStore() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, trustStorePassword == null ? new char[0] : trustStorePassword.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("workspace.mail.trust-store cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MailProperties[host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username + ", password=******, from=" + from
                + ", smimeKeystore=" + smimeKeystore + ", smimeKeystorePassword=******]";
    }
}
