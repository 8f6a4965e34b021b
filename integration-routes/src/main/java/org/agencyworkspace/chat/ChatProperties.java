package org.agencyworkspace.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The workspace's Matrix application service ({@code workspace.chat.*}): the bot that posts
 * notifications, keeps the org-chart rooms and answers commands. Off while {@code as-token} is
 * empty. The homeserver address and server name come from {@code workspace.connectors.matrix}.
 *
 * @param appserviceId the registration's {@code id}
 * @param asToken what the app sends to the homeserver; never logged
 * @param hsToken what the homeserver sends to the app; never logged
 * @param botLocalpart the registration's {@code sender_localpart}
 * @param userPrefix local part prefix of the users the bot may act as (exclusive namespace)
 * @param appserviceUrl where the homeserver reaches this app, written into the registration
 * @param aliasPrefix local part prefix of every room alias the workspace owns (exclusive
 *     namespace of the registration)
 * @param agencyName name of the agency's Space
 * @param securityRoom recipient room name that means the security room (alerts from the audit)
 * @param securityRole role whose holders are members of the security room
 * @param eventPollInterval how often received commands are looked for
 * @param maxRateLimitWait longest 429 delay waited for inside one delivery; longer ones pause
 *     the channel and the message waits in the outbox
 */
@Validated
@ConfigurationProperties(prefix = "workspace.chat", ignoreUnknownFields = false)
public record ChatProperties(
        @NotBlank @DefaultValue("agency-workspace") String appserviceId,
        String asToken,
        String hsToken,
        @NotBlank @DefaultValue("aw-bot") String botLocalpart,
        @NotBlank @Pattern(regexp = "[a-z0-9._=-]+") @DefaultValue("aw_") String userPrefix,
        @NotNull @DefaultValue("http://127.0.0.1:8080") URI appserviceUrl,
        @NotBlank @Pattern(regexp = "[a-z0-9._=-]+") @DefaultValue("aw-") String aliasPrefix,
        @NotBlank @DefaultValue("Agency Workspace") String agencyName,
        @NotBlank @DefaultValue("security") String securityRoom,
        @NotBlank @DefaultValue("security-officer") String securityRole,
        @NotNull @DefaultValue("500ms") Duration eventPollInterval,
        @NotNull @DefaultValue("10s") Duration maxRateLimitWait) {

    public boolean isEnabled() {
        return asToken != null && !asToken.isBlank();
    }

    @Override
    public String toString() {
        return "ChatProperties[appserviceId=" + appserviceId + ", asToken=******, hsToken=******, "
                + "botLocalpart=" + botLocalpart + "]";
    }
}
