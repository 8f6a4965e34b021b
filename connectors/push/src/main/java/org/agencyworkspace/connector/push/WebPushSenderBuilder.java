package org.agencyworkspace.connector.push;

import java.time.Clock;
import java.time.Duration;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HttpExchanger;

/** Builds a {@link WebPushSender}; checks every setting when built. */
public final class WebPushSenderBuilder extends ConnectorBuilder<WebPushSenderBuilder> {

    private VapidKeys keys;
    private String subject;
    private Duration timeToLive = Duration.ofDays(1);
    private Duration tokenValidity = Duration.ofHours(12);
    private Clock clock = Clock.systemUTC();

    WebPushSenderBuilder() {
        super(Duration.ofSeconds(10));
    }

    /** The workspace's VAPID key pair. */
    public WebPushSenderBuilder keys(VapidKeys keys) {
        this.keys = keys;
        return this;
    }

    /** A contact for push service operators: {@code mailto:} or {@code https:}. */
    public WebPushSenderBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** How long a push service keeps a message for a device that is offline; 1 day unless set. */
    public WebPushSenderBuilder timeToLive(Duration timeToLive) {
        this.timeToLive = timeToLive;
        return this;
    }

    /** How long each VAPID token is valid, at most 24 hours; 12 hours unless set. */
    public WebPushSenderBuilder tokenValidity(Duration tokenValidity) {
        this.tokenValidity = tokenValidity;
        return this;
    }

    public WebPushSenderBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public WebPushSender build() {
        checkTimeouts();
        if (keys == null) {
            throw new IllegalStateException("VAPID keys required");
        }
        try {
            VapidKeys.requireSubject(subject);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (timeToLive == null || timeToLive.isNegative()) {
            throw new IllegalStateException("time to live required, zero or more");
        }
        if (tokenValidity == null || tokenValidity.isNegative() || tokenValidity.isZero()
                || tokenValidity.compareTo(VapidKeys.LONGEST_VALIDITY) > 0) {
            throw new IllegalStateException("the VAPID token validity must be positive and at most 24 hours");
        }
        if (clock == null) {
            throw new IllegalStateException("clock required");
        }
        HttpExchanger http = new HttpExchanger(WebPushSender.CONNECTOR, connectTimeout(), requestTimeout());
        return new WebPushSender(http, keys, subject, timeToLive, tokenValidity, clock);
    }
}
