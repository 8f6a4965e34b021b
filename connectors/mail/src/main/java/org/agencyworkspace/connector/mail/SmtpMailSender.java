package org.agencyworkspace.connector.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.TransientConnectorException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends each mail over its own SMTP connection (notifications are few; a pool would only hold
 * connections the server times out). One plain-text UTF-8 part, signed and encrypted when S/MIME
 * is configured ({@link SmimeProtection}), the {@code Message-ID} derived from the message's id
 * ({@link MessageIds}), all recipients accepted or none sent.
 */
public final class SmtpMailSender implements MailSender, HealthProbe {

    static final String CONNECTOR = "mail";
    /** Angus reports a refused greeting only in its text: "..., response: 421". */
    private static final Pattern RESPONSE_CODE = Pattern.compile("response: (\\d{3})");

    private final Session session;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final InternetAddress from;
    private final String domain;
    private final SmimeProtection smime;

    SmtpMailSender(Properties properties, String host, int port, String username, String password,
            InternetAddress from, String domain, SmimeProtection smime) {
        this.session = Session.getInstance(properties);
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.from = from;
        this.domain = domain;
        this.smime = smime;
    }

    /** The From address every mail carries. */
    public String fromAddress() {
        return from.getAddress();
    }

    @Override
    public void send(MailMessage message) {
        MimeMessage mime = compose(message);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(host, port, username, password);
            transport.sendMessage(mime, mime.getAllRecipients());
        } catch (MessagingException e) {
            throw translate(e);
        }
    }

    /** The message as it goes on the wire: headers, and the text signed and encrypted when configured. */
    MimeMessage compose(MailMessage message) {
        List<InternetAddress> recipients = recipients(message.to());
        if (message.subject().chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("subject must be one line without control characters");
        }
        if (!wellFormed(message.subject()) || !wellFormed(message.textBody())
                || message.textBody().indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("subject and body must be well-formed text");
        }
        String messageIdHeader = MessageIds.header(message.messageId(), domain);
        try {
            MimeMessage mime = new StableIdMessage(session, messageIdHeader);
            mime.setFrom(from);
            mime.setRecipients(Message.RecipientType.TO, recipients.toArray(new InternetAddress[0]));
            // Header parsing drops surrounding blanks anyway; dropping them here keeps what is sent what arrives.
            mime.setSubject(message.subject().strip(), "UTF-8");
            mime.setSentDate(new Date());
            if (smime == null) {
                mime.setText(message.textBody(), "UTF-8");
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.textBody(), "UTF-8");
                // Fixed before signing: a relay re-encoding an 8-bit part would break the signature.
                text.setHeader("Content-Transfer-Encoding", "quoted-printable");
                smime.protect(mime, text, recipients);
            }
            mime.saveChanges();
            return mime;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("message cannot be written as MIME: " + e.getMessage(), e);
        }
    }

    /** No unpaired surrogate: such text has no UTF-8 form and would arrive altered. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static List<InternetAddress> recipients(List<String> to) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one recipient");
        }
        List<InternetAddress> parsed = new ArrayList<>(to.size());
        for (String address : to) {
            try {
                InternetAddress recipient = new InternetAddress(address, true);
                // Only a bare addr-spec: a display name or group syntax from a profile field is
                // not what a person's mail address is.
                if (recipient.isGroup() || recipient.getPersonal() != null
                        || !recipient.getAddress().equals(address.strip())
                        || recipient.getAddress().indexOf('@') < 1) {
                    throw new AddressException("not a plain address", address);
                }
                parsed.add(recipient);
            } catch (AddressException e) {
                throw new IllegalArgumentException("invalid mail address: " + address, e);
            }
        }
        return parsed;
    }

    /**
     * The server's verdict as the contract has it: no answer or 4xx is transient, a 5xx refusal of
     * a recipient or of the mail is the caller's (IllegalArgumentException), a refusal of the
     * workspace itself (credentials, TLS) is permanent.
     */
    private RuntimeException translate(MessagingException e) {
        String where = "smtp://" + host + ":" + port;
        if (e instanceof AuthenticationFailedException) {
            return new PermanentConnectorException(CONNECTOR, "the server refused the credentials", 0,
                    where, e.getMessage(), e);
        }
        int code = replyCode(e);
        if (code >= 400 && code < 500) {
            return new TransientConnectorException(CONNECTOR, "the server deferred the mail", code,
                    where, e.getMessage(), e);
        }
        if (code >= 500) {
            return new IllegalArgumentException("the mail server refused the mail permanently (" + code
                    + "): " + e.getMessage(), e);
        }
        if (untrustedCertificate(e)) {
            return new PermanentConnectorException(CONNECTOR, "the server's TLS certificate is not trusted",
                    0, where, e.getMessage(), e);
        }
        if (causedByIo(e)) {
            return new TransientConnectorException(CONNECTOR, "the server could not be reached", 0,
                    where, e.getMessage(), e);
        }
        return new PermanentConnectorException(CONNECTOR, "the server cannot be used as configured", 0,
                where, e.getMessage(), e);
    }

    /**
     * The SMTP reply code behind the failure: the lowest 4xx among refused recipients if any (so
     * one deferred recipient makes the whole mail wait), else the first code found.
     */
    private static int replyCode(MessagingException e) {
        int transientCode = 0;
        int anyCode = 0;
        for (Exception next = e; next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            int code = 0;
            if (next instanceof SMTPAddressFailedException failed) {
                code = failed.getReturnCode();
            } else if (next instanceof SMTPSendFailedException failed) {
                code = failed.getReturnCode();
            } else if (next.getMessage() != null && !(next instanceof SendFailedException)) {
                Matcher m = RESPONSE_CODE.matcher(next.getMessage());
                code = m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
            if (code >= 400 && code < 500 && transientCode == 0) {
                transientCode = code;
            }
            if (code > 0 && anyCode == 0) {
                anyCode = code;
            }
        }
        return transientCode != 0 ? transientCode : anyCode;
    }

    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Certificate, path building and path validation failures alike.
            if (t instanceof GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Connects (EHLO, STARTTLS or TLS, AUTH as configured) and quits: nothing is sent. */
    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(host, port, username, password);
                return ProbeResult.up("SMTP server answered at " + host + ":" + port,
                        Map.of("from", from.getAddress()));
            } catch (MessagingException e) {
                throw translate(e);
            }
        });
    }

    /** A MIME message whose Message-ID is the stable one, not a fresh one at every save. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageIdHeader;

        StableIdMessage(Session session, String messageIdHeader) {
            super(session);
            this.messageIdHeader = messageIdHeader;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageIdHeader);
        }
    }
}
