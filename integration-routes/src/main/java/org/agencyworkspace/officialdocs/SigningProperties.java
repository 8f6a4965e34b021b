package org.agencyworkspace.officialdocs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Official-document signing ({@code workspace.signing.*}).
 *
 * @param agency the agency's name: the agency CA's organisation (O=) in every certificate it issues
 * @param caPassphrase protects the agency CA's key file ({@code <data-dir>/signing/agency-ca.p12});
 *     without it no agency CA runs and nothing is published at the CRL address
 * @param caValidity how long a newly created agency CA certificate is valid
 * @param crlValidity how long each published CRL stays valid (its nextUpdate)
 * @param trustAnchors PEM files of further trusted roots (the TSA's, outside CAs of imported
 *     certificates); the agency CA is always one
 * @param maxUpload the largest PDF or package accepted for validation
 */
@Validated
@ConfigurationProperties(prefix = "workspace.signing", ignoreUnknownFields = false)
public record SigningProperties(
        @NotBlank @DefaultValue("Agency Workspace") String agency,
        String caPassphrase,
        @NotNull @DefaultValue("3650d") Duration caValidity,
        @NotNull @DefaultValue("1d") Duration crlValidity,
        @NotNull @DefaultValue({}) List<Path> trustAnchors,
        @NotNull @DefaultValue("50MB") DataSize maxUpload) {

    /** Whether the agency CA runs (a passphrase for its key file is configured). */
    public boolean caEnabled() {
        return caPassphrase != null && !caPassphrase.isBlank();
    }
}
