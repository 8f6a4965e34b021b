package org.agencyworkspace.push;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Web Push notices ({@code workspace.push.*}).
 *
 * @param enabled whether people may subscribe devices and notices are pushed
 * @param subject the contact push services see in each VAPID token, {@code mailto:} or
 *     {@code https:}; unset, the workspace's public address when it is https, else
 *     {@code mailto:} the operator at its host
 * @param keyFile the VAPID key pair (PEM, mode 600), made at the first start; unset,
 *     {@code <data-dir>/push/vapid.pem}
 * @param timeToLive how long a push service keeps a notice for a device that is offline
 * @param tokenValidity how long each VAPID token is valid (at most 24 hours)
 * @param services the push services browsers may subscribe through: a host name matches itself
 *     and its subdomains over https; an entry with a scheme ({@code http://127.0.0.1:8089}) is
 *     one exact origin. Nothing else is posted to, so a subscription cannot aim the workspace's
 *     requests at an inside address
 * @param devicesPerPerson at most this many subscribed devices per person
 */
@Validated
@ConfigurationProperties(prefix = "workspace.push", ignoreUnknownFields = false)
public record PushProperties(
        @DefaultValue("true") boolean enabled,
        String subject,
        Path keyFile,
        @NotNull @DefaultValue("1d") Duration timeToLive,
        @NotNull @DefaultValue("12h") Duration tokenValidity,
        @NotEmpty @DefaultValue({"fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com",
            "notify.windows.com"}) List<String> services,
        @Min(1) @Max(50) @DefaultValue("10") int devicesPerPerson) {

    /** Whether messages may be posted to this endpoint (see {@link #services}). */
    public boolean allows(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + host + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        for (String service : services) {
            String entry = service.strip().toLowerCase(Locale.ROOT);
            if (entry.contains("://") ? origin.equals(entry)
                    : "https".equals(scheme) && endpoint.getPort() < 0
                            && (host.equals(entry) || host.endsWith("." + entry))) {
                return true;
            }
        }
        return false;
    }
}
