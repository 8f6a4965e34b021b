package org.agencyworkspace.officialdocs.exchange;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Document exchange (公文交換, {@code workspace.exchange.*}). Off unless {@code code} is set.
 *
 * @param code this agency's exchange code (用戶代碼); blank: no exchange runs
 * @param sealPassphrase opens the agency's exchange key (the key every package and acknowledgement
 *     is signed with), kept encrypted in {@code <data-dir>/signing/exchange/}
 * @param sealKeyFile a PKCS#12 the agency was issued (e.g. under the government CA hierarchy),
 *     imported on first start; when absent the agency CA issues the exchange key itself
 * @param clerkGroup department code or role of the registry clerks (登記桌/總收發): they dispatch,
 *     see the exchange page and get a task for each received document
 * @param levels exchange level labels (as the metadata carries them) with this workspace's level
 *     code for each; a label not listed is refused (default: 普通 = unmarked, 密 = secret)
 * @param maxLevel the highest level code sent or accepted by exchange
 * @param receivedFolder folder in Files received documents are filed under
 * @param maxPackage the largest package accepted
 * @param pollInterval how often undelivered packages are picked up for delivery
 * @param inbox the HTTPS endpoint other workspaces deliver to (mutual TLS)
 * @param inboundFolder a folder a gateway drops packages into; acknowledgements are written to
 *     its {@code acknowledgements/} sub-folder; null for none
 * @param senders agencies packages are accepted from
 * @param recipients agencies documents are dispatched to, by exchange code
 */
@Validated
@ConfigurationProperties(prefix = "workspace.exchange", ignoreUnknownFields = false)
public record ExchangeProperties(
        @Pattern(regexp = "[A-Za-z0-9.-]{1,40}") String code,
        String sealPassphrase,
        Path sealKeyFile,
        @NotBlank @DefaultValue("general-affairs") String clerkGroup,
        @NotNull @Valid @DefaultValue({}) List<Level> levels,
        @NotBlank @DefaultValue("secret") String maxLevel,
        @NotBlank @jakarta.validation.constraints.Pattern(regexp = "/[^/].*") @DefaultValue("/收文") String receivedFolder,
        @NotNull @DefaultValue("20MB") DataSize maxPackage,
        @NotNull @DefaultValue("5s") Duration pollInterval,
        @NotNull @Valid @DefaultValue Inbox inbox,
        Path inboundFolder,
        @NotNull @Valid @DefaultValue({}) List<Sender> senders,
        @NotNull @Valid @DefaultValue({}) Map<String, Recipient> recipients) {

    public ExchangeProperties {
        levels = levels.isEmpty() ? List.of(new Level("普通", "unmarked"), new Level("密", "secret")) : List.copyOf(levels);
    }

    public boolean enabled() {
        return code != null && !code.isBlank();
    }

    @AssertTrue(message = "workspace.exchange.seal-passphrase is required when workspace.exchange.code is set")
    public boolean isSealPassphraseSet() {
        return !enabled() || (sealPassphrase != null && !sealPassphrase.isBlank());
    }

    /** A level label packages carry ({@code 密}) and the level code it is here ({@code secret}). */
    public record Level(@NotBlank String label, @NotBlank String code) {
    }

    /**
     * The mutual-TLS endpoint {@code POST /exchange/inbox}, on its own port.
     *
     * @param port 0: no HTTPS inbox
     * @param keyStore PKCS#12 with the endpoint's TLS key and certificate
     * @param keyStorePassword its password
     * @param trustAnchors PEM files: a client certificate must chain to one of these
     */
    public record Inbox(@Min(0) @Max(65535) @DefaultValue("0") int port, Path keyStore, String keyStorePassword,
            @NotNull @DefaultValue({}) List<Path> trustAnchors) {

        @AssertTrue(message = "the inbox needs key-store, key-store-password and trust-anchors when its port is set")
        public boolean isComplete() {
            return port == 0 || (keyStore != null && keyStorePassword != null && !trustAnchors.isEmpty());
        }
    }

    /**
     * @param code the sender's exchange code
     * @param organisation the organisation (O=) its signing and TLS client certificates carry
     * @param trustAnchors PEM files of the CA that issues its certificates (pooled with every
     *     trusted root; the organisation is what tells senders apart)
     */
    public record Sender(@NotBlank @Pattern(regexp = "[A-Za-z0-9.-]{1,40}") String code, @NotBlank String organisation,
            @NotNull @DefaultValue({}) List<Path> trustAnchors) {
    }

    /**
     * @param name the agency's name, as the metadata lists it
     * @param organisation the organisation (O=) its acknowledgements must be signed by
     * @param url its HTTPS inbox, or null to use {@code folder}
     * @param folder a gateway's outbound folder packages are written to, or null to use {@code url}
     * @param acknowledgementFolder where the gateway drops acknowledgements for packages sent via
     *     {@code folder}
     * @param keyStore PKCS#12 with this workspace's TLS client key and certificate (for {@code url})
     * @param keyStorePassword its password
     * @param trustAnchors PEM files the recipient's TLS server certificate must chain to
     */
    public record Recipient(@NotBlank String name, @NotBlank String organisation, URI url, Path folder,
            Path acknowledgementFolder, Path keyStore, String keyStorePassword,
            @NotNull @DefaultValue({}) List<Path> trustAnchors) {

        @AssertTrue(message = "a recipient has either an https url (with key-store, key-store-password and "
                + "trust-anchors) or a folder")
        public boolean isOneWay() {
            if ((url == null) == (folder == null)) {
                return false;
            }
            return url == null || ("https".equals(url.getScheme()) && keyStore != null && keyStorePassword != null
                    && !trustAnchors.isEmpty());
        }
    }
}
