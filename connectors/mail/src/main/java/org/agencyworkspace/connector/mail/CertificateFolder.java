package org.agencyworkspace.connector.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recipients' certificates as files in one folder (PEM or DER, {@code .pem}, {@code .crt},
 * {@code .cer}), indexed by the mail addresses their subject alternative names carry. The folder
 * is read again when it changes, so an operator adds a certificate without a restart. Only a
 * certificate valid now and allowed for mail protection (no extended key usage, or
 * {@code emailProtection}) is used; an unreadable file is skipped, never fatal.
 */
public final class CertificateFolder implements RecipientCertificates {

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final int RFC822_NAME = 1;

    private final Path folder;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    private record Snapshot(long modified, Map<String, List<X509Certificate>> byAddress) {
    }

    public CertificateFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("certificate folder does not exist: " + folder);
        }
        this.folder = folder;
    }

    @Override
    public Optional<X509Certificate> find(String address) {
        List<X509Certificate> candidates = current().byAddress().getOrDefault(
                address.toLowerCase(Locale.ROOT), List.of());
        return candidates.stream().filter(CertificateFolder::usableNow).findFirst();
    }

    private Snapshot current() {
        try {
            long modified = Files.getLastModifiedTime(folder).toMillis();
            Snapshot seen = snapshot;
            if (seen.modified() != modified) {
                seen = new Snapshot(modified, read());
                snapshot = seen;
            }
            return seen;
        } catch (IOException e) {
            throw new UncheckedIOException("certificate folder unreadable: " + folder, e);
        }
    }

    private Map<String, List<X509Certificate>> read() throws IOException {
        Map<String, List<X509Certificate>> byAddress = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(CertificateFolder::certificateFile).sorted().toList()) {
                for (X509Certificate certificate : parse(file)) {
                    for (String address : addresses(certificate)) {
                        byAddress.computeIfAbsent(address, a -> new java.util.ArrayList<>()).add(certificate);
                    }
                }
            }
        }
        return byAddress;
    }

    private static boolean certificateFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer"));
    }

    private static List<X509Certificate> parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> parsed =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            return parsed.stream().filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException | CertificateException e) {
            return List.of();
        }
    }

    private static List<String> addresses(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(name -> ((Integer) name.get(0)) == RFC822_NAME)
                    .map(name -> ((String) name.get(1)).toLowerCase(Locale.ROOT)).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean usableNow(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages == null || usages.contains(EMAIL_PROTECTION);
        } catch (CertificateException e) {
            return false;
        }
    }
}
