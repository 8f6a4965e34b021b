package org.agencyworkspace.connector.mail;

/** How the connection to the SMTP server is protected. */
public enum MailSecurity {
    /** Plain SMTP. Only for a relay on the same host or a test server. */
    NONE,
    /**
     * Plain connection upgraded with STARTTLS (submission, port 587). Required: a server that does
     * not offer STARTTLS is refused rather than sent to in the clear.
     */
    STARTTLS,
    /** TLS from the first byte (implicit TLS, "SMTPS", port 465). */
    TLS
}
