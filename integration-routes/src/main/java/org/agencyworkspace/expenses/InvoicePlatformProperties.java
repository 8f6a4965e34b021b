package org.agencyworkspace.expenses;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Asking the Ministry of Finance e-invoice platform whether claimed e-invoices exist
 * ({@code workspace.einvoice-platform.*}); off by default.
 *
 * @param enabled whether e-invoice items are checked at all
 * @param url the platform's query endpoint
 * @param appId the App ID the platform issued to the agency (required when enabled)
 * @param timeout how long one query may take
 * @param pollInterval how often items not yet checked are looked for
 * @param batch at most this many items per run
 */
@Validated
@ConfigurationProperties(prefix = "workspace.einvoice-platform", ignoreUnknownFields = false)
public record InvoicePlatformProperties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("https://api.einvoice.nat.gov.tw/PB2CAPIVAN/invapp/InvApp") URI url,
        String appId,
        @NotNull @DefaultValue("10s") Duration timeout,
        @NotNull @DefaultValue("1m") Duration pollInterval,
        @Min(1) @Max(1000) @DefaultValue("50") int batch) {
}
