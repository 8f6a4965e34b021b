package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/** Against the LibreOffice that deploy/local installs. */
class LibreOfficeInstallationIT {

    @Test
    void theInstalledLauncherIsFound() {
        LibreOfficeInstallation office = new LibreOfficeInstallation(
                Path.of(StackEnvironment.require("WORKSPACE_OFFICE_HOME")));

        assertThat(office.probe().up()).isTrue();
        assertThat(office.soffice()).isExecutable();
    }
}
