package org.agencyworkspace.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.push.PushOutcome;
import org.agencyworkspace.connector.push.Urgency;
import org.agencyworkspace.connector.push.WebPushSender;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.PushCategory;
import org.agencyworkspace.platform.messaging.PushChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The messaging seam's push channel: a title and a link, encrypted for each of the person's
 * devices that wants the notice's category. A device a push service accepted a notice for is
 * recorded, so a retry or a replay pushes nobody twice; a device its push service no longer
 * knows (404, 410) is forgotten, and that is audited.
 */
@Component
@ConditionalOnProperty(prefix = "workspace.push", name = "enabled", havingValue = "true", matchIfMissing = true)
public class WebPushChannel implements PushChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WebPushChannel.class);
    private static final Map<PushCategory, String> PAGES = Map.of(
            PushCategory.APPROVALS, "/approvals",
            PushCategory.REMINDERS, "/inbox",
            PushCategory.INCIDENTS, "/admin/security/incidents");

    private static final int TITLE_LENGTH = 200;

    private final WebPushSender sender;
    private final PushSubscriptions subscriptions;
    private final PushProperties properties;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final String base;

    public WebPushChannel(WebPushSender sender, PushSubscriptions subscriptions, PushProperties properties,
            AuditTrail audit, ObjectMapper json, WorkspaceProperties workspace) {
        this.sender = sender;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.audit = audit;
        this.json = json;
        this.base = workspace.publicBase();
    }

    @Override
    public void push(String pushId, String login, PushCategory category, String title) {
        if (!subscriptions.wanted(login).contains(category)) {
            return;
        }
        byte[] payload = payload(category, title);
        for (PushSubscriptions.Stored device : subscriptions.subscriptions(login)) {
            if (subscriptions.pushed(pushId, device.id())) {
                continue;
            }
            if (!properties.allows(device.subscription().endpoint())) {
                // The list of push services was narrowed since this device subscribed.
                LOG.warn("Push {} not sent to {}: its push service is no longer allowed", pushId,
                        device.subscription());
                continue;
            }
            PushOutcome outcome;
            try {
                outcome = sender.send(device.subscription(), payload,
                        category == PushCategory.INCIDENTS ? Urgency.HIGH : Urgency.NORMAL);
            } catch (PermanentConnectorException refused) {
                throw new IllegalArgumentException(refused.getMessage(), refused);
            }
            if (outcome == PushOutcome.GONE) {
                subscriptions.forget(device.id());
                audit.record(AuditEvent.of("push.subscription.expire", "configuration")
                        .actor(AuditEvent.Actor.SYSTEM).target("push-subscription", device.id())
                        .details(Map.of("owner", login, "service", device.subscription().origin()))
                        .build());
                continue;
            }
            subscriptions.recordPushed(pushId, device.id());
        }
    }

    /** Title, link and category only: what a locked screen may show. */
    private byte[] payload(PushCategory category, String title) {
        Map<String, String> notice = new LinkedHashMap<>();
        // A push message holds about 4 kB; a subject is one line, cut long before that.
        notice.put("title", title.length() > TITLE_LENGTH ? title.substring(0, TITLE_LENGTH - 1) + "…" : title);
        notice.put("url", base + PAGES.get(category));
        notice.put("tag", category.key());
        try {
            return json.writeValueAsString(notice).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
