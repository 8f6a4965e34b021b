package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.CONVERSION_FAILED;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * Converts docx, xlsx, pptx, odt, ods and odp files to PDF with headless LibreOffice. Each
 * conversion starts its own {@code soffice} with a private profile folder, so conversions never
 * share state or wait for one another, and is killed when it runs past the time limit. Before
 * LibreOffice sees a file, its zip package is inflated within a size limit (zip bombs are refused).
 *
 * <p>An uploaded file is untrusted, so the private profile is written before LibreOffice starts
 * with settings that keep the document from reaching outside itself: linked resources (images,
 * sections, OLE) of a document from an untrusted place are not loaded, neither from {@code file:}
 * (which would put the server's files into the PDF) nor over the network (which would tell an
 * outside server the file was opened, or probe internal ones); links are never updated on load;
 * macros never run; formulas are not recalculated on load (no {@code WEBSERVICE} calls). Where
 * the system allows it ({@code unshare -rn}: an unprivileged user namespace), LibreOffice also
 * runs in a network namespace of its own, with no network at all, not even the host's loopback.
 */
public final class OfficeConverter {

    /** One LibreOffice configuration value: the node's path, the property, its value. */
    private record Setting(String path, String property, String value) {
    }

    /** LibreOffice's user settings for one conversion; see the class comment for why each is set. */
    private static final List<Setting> SETTINGS = List.of(
            // the one that blocks linked images and other resources, local and remote alike
            new Setting("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
            new Setting("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
            // 3: very high, only macros from trusted places (there are none) would run
            new Setting("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
            // "never update links on load": 0 in Writer (sw UpdateLinks), 1 in Calc (ScLkUpdMode)
            new Setting("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
            new Setting("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),
            // 1: never recalculate formulas when a file is loaded
            new Setting("/org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode", "1"),
            new Setting("/org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode", "1"));

    /** Runs a command in new user and network namespaces: no network, whatever LibreOffice tries. */
    private static final List<String> WITHOUT_NETWORK = List.of("unshare", "--map-root-user", "--net");

    private final LibreOfficeInstallation office;
    private final Duration timeout;
    private final long maxExpandedBytes;
    private final boolean withoutNetwork;

    private OfficeConverter(Builder builder, boolean withoutNetwork) {
        this.office = builder.office;
        this.timeout = builder.timeout;
        this.maxExpandedBytes = builder.maxExpandedBytes;
        this.withoutNetwork = withoutNetwork;
    }

    /** Whether conversions run without network (see the class comment). */
    public boolean withoutNetwork() {
        return withoutNetwork;
    }

    /** A converter using {@code office}, 2 minutes and 256 MiB expanded unless set. */
    public static Builder builder(LibreOfficeInstallation office) {
        return new Builder(office);
    }

    /**
     * Converts {@code officeFile} to a PDF inside {@code workDirectory} (which the caller owns and
     * deletes) and returns the PDF's path. The file's type comes from its content, not its name.
     *
     * @throws DocumentRejectedException ARCHIVE_BOMB, CORRUPT or UNSUPPORTED_TYPE from the
     *     package check; CONVERSION_FAILED when LibreOffice exits without a PDF or runs too long
     * @throws PermanentConnectorException when {@code soffice} cannot be started
     */
    public Path toPdf(Path officeFile, Path workDirectory) {
        DocumentType type = OfficePackage.inspect(officeFile, maxExpandedBytes);
        try {
            Path source = workDirectory.resolve("document." + type.extension());
            Files.copy(officeFile, source);
            Path outDir = Files.createDirectory(workDirectory.resolve("converted"));
            Path log = workDirectory.resolve("soffice.log");
            Path profile = workDirectory.resolve("profile");
            writeLockedDownProfile(profile);
            List<String> command = new ArrayList<>(withoutNetwork ? WITHOUT_NETWORK : List.of());
            command.addAll(List.of(office.soffice().toString(), "--headless",
                    "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard",
                    "-env:UserInstallation=" + profile.toUri(),
                    "--convert-to", "pdf", "--outdir", outDir.toString(), source.toString()));
            Process soffice = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!soffice.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(soffice);
                throw new DocumentRejectedException(CONVERSION_FAILED,
                        "LibreOffice took longer than " + timeout.toSeconds() + " s");
            }
            Path pdf = outDir.resolve("document.pdf");
            if (soffice.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                throw new DocumentRejectedException(CONVERSION_FAILED, "LibreOffice produced no PDF from the "
                        + type.extension() + " file (exit " + soffice.exitValue() + ")");
            }
            return pdf;
        } catch (IOException e) {
            throw new PermanentConnectorException("documents", "cannot run " + office.soffice(), 0, null,
                    e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentRejectedException(CONVERSION_FAILED, "interrupted", e);
        }
    }

    private static void writeLockedDownProfile(Path profile) throws IOException {
        StringBuilder items = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
                + "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        for (Setting setting : SETTINGS) {
            items.append("<item oor:path=\"").append(setting.path()).append("\"><prop oor:name=\"")
                    .append(setting.property()).append("\" oor:op=\"fuse\"><value>").append(setting.value())
                    .append("</value></prop></item>\n");
        }
        items.append("</oor:items>\n");
        Path user = Files.createDirectories(profile.resolve("user"));
        Files.writeString(user.resolve("registrymodifications.xcu"), items, StandardCharsets.UTF_8);
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Settings of an {@link OfficeConverter}; {@link #build()} checks them. */
    public static final class Builder {

        private final LibreOfficeInstallation office;
        private Duration timeout = Duration.ofMinutes(2);
        private long maxExpandedBytes = 256L * 1024 * 1024;
        private boolean networkNamespace = true;

        private Builder(LibreOfficeInstallation office) {
            this.office = Objects.requireNonNull(office, "office installation required");
        }

        /** How long one conversion may take before LibreOffice is killed; 2 minutes unless set. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How many bytes the zip package's parts may expand to together; 256 MiB unless set. */
        public Builder maxExpandedBytes(long maxExpandedBytes) {
            this.maxExpandedBytes = maxExpandedBytes;
            return this;
        }

        public OfficeConverter build() {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalStateException("timeout required and positive");
            }
            if (maxExpandedBytes <= 0) {
                throw new IllegalStateException("maxExpandedBytes must be positive");
            }
            return new OfficeConverter(this, networkNamespace && namespacesWork());
        }

        /** For tests of the profile's own settings: LibreOffice keeps the host's network. */
        Builder withoutNetworkNamespace() {
            this.networkNamespace = false;
            return this;
        }

        /** Whether {@code unshare} can make the namespaces here: tried once, with {@code true}. */
        private static boolean namespacesWork() {
            List<String> probe = new ArrayList<>(WITHOUT_NETWORK);
            probe.add("true");
            try {
                Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
