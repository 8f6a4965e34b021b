package org.agencyworkspace.connector.push;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import org.agencyworkspace.connector.HttpExchanger;

/**
 * Sends encrypted messages to browsers' push services (RFC 8030) with a VAPID token. One sender
 * is built per workspace and shared; it keeps no state per message, so the caller decides what
 * was sent already.
 */
public final class WebPushSender {

    static final String CONNECTOR = "web-push";

    private final HttpExchanger http;
    private final VapidKeys keys;
    private final String subject;
    private final Duration timeToLive;
    private final Duration tokenValidity;
    private final Clock clock;

    WebPushSender(HttpExchanger http, VapidKeys keys, String subject, Duration timeToLive,
            Duration tokenValidity, Clock clock) {
        this.http = http;
        this.keys = keys;
        this.subject = subject;
        this.timeToLive = timeToLive;
        this.tokenValidity = tokenValidity;
        this.clock = clock;
    }

    public static WebPushSenderBuilder builder() {
        return new WebPushSenderBuilder();
    }

    /** The public key browsers subscribe with. */
    public String publicKey() {
        return keys.publicKey();
    }

    /**
     * Encrypts {@code payload} for the subscription and posts it to its push service.
     *
     * @return {@link PushOutcome#GONE} when the push service no longer knows the subscription
     * @throws IllegalArgumentException when the payload is too long for a push message
     * @throws org.agencyworkspace.connector.TransientConnectorException on I/O errors, timeouts,
     *     429 and 5xx: try again later
     * @throws org.agencyworkspace.connector.PermanentConnectorException on any other refusal
     *     (a VAPID token the service does not accept, a message too large)
     */
    public PushOutcome send(PushSubscription subscription, byte[] payload, Urgency urgency) {
        byte[] body = PushEncryption.encrypt(payload, subscription);
        HttpRequest request = http.request(subscription.endpoint())
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "aes128gcm")
                .header("TTL", Long.toString(timeToLive.toSeconds()))
                .header("Urgency", urgency.header())
                .header("Authorization", keys.authorization(subscription.origin(), subject,
                        clock.instant().plus(tokenValidity)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status = http.callAccepting(request, code -> code == 404 || code == 410).status();
        return status == 404 || status == 410 ? PushOutcome.GONE : PushOutcome.ACCEPTED;
    }
}
