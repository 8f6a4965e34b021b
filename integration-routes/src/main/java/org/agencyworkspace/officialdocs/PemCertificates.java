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
import java.util.ArrayList;
import java.util.List;

/** Certificates from PEM files named in configuration; a file without one stops the start. */
public final class PemCertificates {

    private PemCertificates() {
    }

    /** @param setting the configuration key, named in the error so an operator finds it */
    public static List<X509Certificate> read(Path file, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException(setting + ": no certificate in " + file);
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(setting + ": cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": not PEM certificates: " + file, e);
        }
    }
}
