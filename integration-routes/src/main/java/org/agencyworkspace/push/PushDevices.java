package org.agencyworkspace.push;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.connector.push.PushSubscription;
import org.agencyworkspace.connector.push.WebPushSender;
import org.agencyworkspace.platform.RefusedException.Kind;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.PushCategory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Each person's push devices and which notices go to them, for the page and the API. Every change
 * and every refusal is audited here, where it is decided.
 */
@Service
public class PushDevices {

    /**
     * What the caller sees.
     *
     * @param enabled whether this workspace pushes at all
     * @param publicKey the VAPID public key to subscribe with ({@code applicationServerKey}); null when off
     * @param categories the notices the caller wants pushed
     * @param devices the caller's subscribed devices
     */
    public record PushView(boolean enabled, String publicKey, List<String> categories,
            List<PushSubscriptions.Device> devices) {
    }

    /** A browser's {@code PushSubscription.toJSON()}; {@code expirationTime} is ignored. */
    public record SubscriptionRequest(String endpoint, Keys keys) {
    }

    public record Keys(String p256dh, String auth) {
    }

    /** Which device to forget. */
    public record Unsubscribe(String endpoint) {
    }

    /** @param categories of {@code approvals}, {@code reminders}, {@code incidents} */
    public record Settings(List<String> categories) {
    }

    public record Subscribed(String id) {
    }

    private static final int DEVICE_LENGTH = 200;

    private final PushSubscriptions subscriptions;
    private final PushProperties properties;
    private final ObjectProvider<WebPushSender> sender;
    private final AuditTrail audit;

    public PushDevices(PushSubscriptions subscriptions, PushProperties properties,
            ObjectProvider<WebPushSender> sender, AuditTrail audit) {
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.sender = sender;
        this.audit = audit;
    }

    /** Keeps the browser's subscription for the person. */
    public Subscribed subscribe(String login, SubscriptionRequest request, HttpServletRequest http) {
        AuditEvent.Builder event = event("push.subscription.add", login, http);
        if (sender.getIfAvailable() == null) {
            throw refuse(event, Kind.CONFLICT, "push notifications are not enabled in this workspace");
        }
        PushSubscription subscription;
        try {
            subscription = PushSubscription.of(request == null ? null : request.endpoint(),
                    request == null || request.keys() == null ? null : request.keys().p256dh(),
                    request == null || request.keys() == null ? null : request.keys().auth());
        } catch (IllegalArgumentException e) {
            throw refuse(event, Kind.BAD_REQUEST, "subscription: " + e.getMessage());
        }
        event.details(Map.of("service", subscription.origin()));
        if (!properties.allows(subscription.endpoint())) {
            throw refuse(event, Kind.INVALID, "endpoint: " + subscription.origin()
                    + " is not a push service this workspace sends to");
        }
        String previousOwner = subscriptions.ownerOf(subscription.endpoint()).orElse(null);
        if (!login.equals(previousOwner) && subscriptions.count(login) >= properties.devicesPerPerson()) {
            throw refuse(event, Kind.CONFLICT, "devices: at most " + properties.devicesPerPerson()
                    + " devices per person; remove one first");
        }
        String id = subscriptions.save(login, subscription, device(http));
        PushSignOut.subscribedIn(http, id);
        Map<String, String> details = previousOwner == null || previousOwner.equals(login)
                ? Map.of("service", subscription.origin())
                : Map.of("service", subscription.origin(), "previousOwner", previousOwner);
        audit.record(event.target("push-subscription", id).details(details).build());
        return new Subscribed(id);
    }

    /** Forgets one of the person's devices. */
    public void unsubscribe(String login, Unsubscribe request, HttpServletRequest http) {
        AuditEvent.Builder event = event("push.subscription.remove", login, http);
        URI endpoint;
        try {
            endpoint = URI.create(request == null || request.endpoint() == null ? "" : request.endpoint().strip());
        } catch (IllegalArgumentException e) {
            throw refuse(event, Kind.BAD_REQUEST, "endpoint: not a URL");
        }
        // Someone else's device answers as a missing one: the answer tells nothing about it.
        if (!subscriptions.remove(login, endpoint)) {
            throw refuse(event, Kind.NOT_FOUND, "endpoint: you have no device subscribed there");
        }
        audit.record(event.details(Map.of("service", endpoint.getScheme() + "://" + endpoint.getAuthority()))
                .build());
    }

    /** Which kinds of notice the person wants pushed. */
    public void want(String login, List<String> requested, HttpServletRequest http) {
        AuditEvent.Builder event = event("push.settings.change", login, http);
        if (requested == null) {
            throw refuse(event, Kind.BAD_REQUEST, "categories: required, a list of approvals, reminders, incidents");
        }
        Set<PushCategory> wanted = EnumSet.noneOf(PushCategory.class);
        for (String key : requested) {
            wanted.add(PushCategory.of(key).orElseThrow(() -> refuse(event, Kind.BAD_REQUEST,
                    "categories: " + key + " is not one of approvals, reminders, incidents")));
        }
        subscriptions.want(login, wanted);
        audit.record(event.details(Map.of("categories", keys(wanted).toString())).build());
    }

    private PushRefusedException refuse(AuditEvent.Builder event, Kind kind, String problem) {
        PushRefusedException refused = new PushRefusedException(kind, problem);
        audit.record(event.failure(problem).build());
        refused.markAudited();
        return refused;
    }

    public PushView view(String login) {
        WebPushSender available = sender.getIfAvailable();
        return new PushView(available != null, available == null ? null : available.publicKey(),
                keys(subscriptions.wanted(login)), subscriptions.devices(login));
    }

    private static List<String> keys(Set<PushCategory> categories) {
        return categories.stream().map(PushCategory::key).toList();
    }

    private static AuditEvent.Builder event(String action, String login, HttpServletRequest http) {
        return AuditEvent.of(action, "configuration").actor(login, login).target("push-subscription", login)
                .source(http.getRemoteAddr(), http.getHeader("User-Agent"));
    }

    private static String device(HttpServletRequest http) {
        String agent = http.getHeader("User-Agent");
        return agent == null || agent.isBlank() ? null
                : agent.length() > DEVICE_LENGTH ? agent.substring(0, DEVICE_LENGTH) : agent;
    }
}
