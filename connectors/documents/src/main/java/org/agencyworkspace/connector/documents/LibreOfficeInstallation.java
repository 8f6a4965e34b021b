package org.agencyworkspace.connector.documents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;

/**
 * A LibreOffice installation used for headless conversion to PDF. LibreOffice is started on
 * demand rather than kept running, so its health is whether the program is installed and
 * executable.
 */
public final class LibreOfficeInstallation implements HealthProbe {

    private final Path officeHome;

    /**
     * @param officeHome the installation folder holding {@code program/soffice}, e.g.
     *     {@code /usr/lib/libreoffice}
     */
    public LibreOfficeInstallation(Path officeHome) {
        this.officeHome = Objects.requireNonNull(officeHome, "officeHome required");
    }

    /** The {@code soffice} launcher inside the installation. */
    public Path soffice() {
        return officeHome.resolve("program").resolve("soffice");
    }

    /** Up when {@link #soffice()} exists and is executable. */
    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> Files.isExecutable(soffice())
                ? ProbeResult.up("soffice found", Map.of("home", officeHome.toString()))
                : ProbeResult.down("no executable " + soffice()));
    }
}
