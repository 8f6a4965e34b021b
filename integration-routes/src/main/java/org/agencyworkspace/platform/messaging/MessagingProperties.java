package org.agencyworkspace.platform.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notifications are delivered ({@code workspace.messaging.*}).
 *
 * @param channel where messages go: {@code inbox} (the in-app inbox, embedded default) or
 *     {@code matrix} (the chat bot; needs {@code workspace.chat.as-token})
 * @param pollInterval how often the delivery route looks for pending messages
 * @param batchSize at most this many messages per look
 * @param defaultPreference where a person's own messages go until they choose: {@code chat}
 *     (the channel above), {@code inbox} or {@code mail} (when {@code workspace.mail.host} is set)
 */
@Validated
@ConfigurationProperties(prefix = "workspace.messaging", ignoreUnknownFields = false)
public record MessagingProperties(
        @NotNull @DefaultValue("inbox") Channel channel,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @Min(1) @Max(1000) @DefaultValue("50") int batchSize,
        @NotNull @DefaultValue("chat") DeliveryPreference defaultPreference) {

    public enum Channel { INBOX, MATRIX }
}
