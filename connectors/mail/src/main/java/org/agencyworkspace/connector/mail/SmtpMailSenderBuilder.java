package org.agencyworkspace.connector.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.agencyworkspace.connector.ConnectorBuilder;

/**
 * Builds the SMTP {@link MailSender}. Required: the server's host and port, how the connection is
 * protected ({@link MailSecurity}; STARTTLS unless set) and the From address. Optional: the
 * account to authenticate with, the certificates to trust for TLS (the JVM's own unless set) and
 * the name given in EHLO (the From address's domain unless set), S/MIME signing and encryption.
 */
public final class SmtpMailSenderBuilder extends ConnectorBuilder<SmtpMailSenderBuilder> {

    private String host;
    private int port;
    private MailSecurity security = MailSecurity.STARTTLS;
    private String username;
    private String password;
    private String fromAddress;
    private String fromName;
    private KeyStore trustStore;
    private String heloName;
    private SmimeProtection smime;

    public SmtpMailSenderBuilder() {
        super(Duration.ofSeconds(30));
    }

    public SmtpMailSenderBuilder host(String host) {
        this.host = host;
        return this;
    }

    public SmtpMailSenderBuilder port(int port) {
        this.port = port;
        return this;
    }

    public SmtpMailSenderBuilder security(MailSecurity security) {
        this.security = security;
        return this;
    }

    /** The account the workspace authenticates with (SMTP AUTH); none unless set. */
    public SmtpMailSenderBuilder credentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    /** The From address, and the name shown with it (may be null). */
    public SmtpMailSenderBuilder from(String address, String displayName) {
        this.fromAddress = address;
        this.fromName = displayName;
        return this;
    }

    /** The certificates a TLS server must chain to; the JVM's default trust unless set. */
    public SmtpMailSenderBuilder trustStore(KeyStore trustStore) {
        this.trustStore = trustStore;
        return this;
    }

    /** The host name the workspace gives in EHLO; the From address's domain unless set. */
    public SmtpMailSenderBuilder heloName(String heloName) {
        this.heloName = heloName;
        return this;
    }

    /** Signs every mail, and encrypts to recipients with known certificates; none unless set. */
    public SmtpMailSenderBuilder smime(SmimeProtection smime) {
        this.smime = smime;
        return this;
    }

    /** @throws IllegalStateException naming the first missing or malformed setting */
    public SmtpMailSender build() {
        requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalStateException("port must be 1-65535: " + port);
        }
        if (security == null) {
            throw new IllegalStateException("security required");
        }
        if ((username == null || username.isEmpty()) != (password == null || password.isEmpty())) {
            throw new IllegalStateException("username and password go together");
        }
        checkTimeouts();
        InternetAddress from = parseFrom();
        String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        return new SmtpMailSender(sessionProperties(domain), host, port,
                username == null || username.isEmpty() ? null : username, password, from, domain, smime);
    }

    private InternetAddress parseFrom() {
        requireText(fromAddress, "from");
        try {
            InternetAddress from = new InternetAddress(fromAddress, true);
            if (from.getAddress().indexOf('@') < 1) {
                throw new IllegalStateException("from must be an address with a domain: " + fromAddress);
            }
            if (fromName != null && !fromName.isBlank()) {
                from.setPersonal(fromName, "UTF-8");
            }
            return from;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalStateException("from is not a mail address: " + fromAddress, e);
        }
    }

    private Properties sessionProperties(String domain) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.auth", Boolean.toString(username != null && !username.isEmpty()));
        props.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", Long.toString(requestTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(requestTimeout().toMillis()));
        props.put("mail.smtp.localhost", heloName == null || heloName.isBlank() ? domain : heloName);
        // All recipients or none: a half-delivered message could not be resent without doubling.
        props.put("mail.smtp.sendpartial", "false");
        if (security != MailSecurity.NONE) {
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            if (trustStore != null) {
                props.put("mail.smtp.ssl.socketFactory", trusting(trustStore));
            }
        }
        if (security == MailSecurity.TLS) {
            props.put("mail.smtp.ssl.enable", "true");
        } else if (security == MailSecurity.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        return props;
    }

    private static javax.net.ssl.SSLSocketFactory trusting(KeyStore trustStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("trust store cannot be used: " + e.getMessage(), e);
        }
    }
}
