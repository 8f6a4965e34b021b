package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibreOfficeInstallationTest {

    @Test
    void upWhenTheLauncherIsExecutable(@TempDir Path home) throws Exception {
        Path soffice = Files.createDirectories(home.resolve("program")).resolve("soffice");
        Files.writeString(soffice, "#!/bin/sh\n");
        Files.setPosixFilePermissions(soffice, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(new LibreOfficeInstallation(home).probe().up()).isTrue();
    }

    @Test
    void downWhenMissingOrNotExecutable(@TempDir Path home) throws Exception {
        assertThat(new LibreOfficeInstallation(home).probe().detail()).contains("no executable");

        Path soffice = Files.createDirectories(home.resolve("program")).resolve("soffice");
        Files.writeString(soffice, "not a program");
        Files.setPosixFilePermissions(soffice, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new LibreOfficeInstallation(home).probe().up()).isFalse();
    }
}
