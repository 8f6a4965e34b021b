package org.agencyworkspace.officialdocs.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.agencyworkspace.officialdocs.PemCertificates;

/** Key stores, trust stores and TLS contexts for the exchange's mutual TLS, from configuration. */
final class TlsContexts {

    private TlsContexts() {
    }

    static KeyStore keyStore(Path file, String password, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(setting + ": cannot open " + file + " (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": not a PKCS#12 key store: " + file, e);
        }
    }

    static KeyStore trustStore(List<Path> anchors, String setting) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Path file : anchors) {
                for (X509Certificate certificate : PemCertificates.read(file, setting)) {
                    store.setCertificateEntry("anchor-" + i++, certificate);
                }
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /** A client context presenting {@code keyStore} and trusting only {@code anchors}. */
    static SSLContext client(Path keyStore, String password, List<Path> anchors, String setting) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(keyStore, password, setting), password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(anchors, setting));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /** The organisation (O=) a certificate's subject names; empty when none. */
    static String organisationOf(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("O".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return "";
        } catch (InvalidNameException e) {
            return "";
        }
    }
}
