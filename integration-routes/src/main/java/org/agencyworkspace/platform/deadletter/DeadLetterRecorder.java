package org.agencyworkspace.platform.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.connector.UriSanitizer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The end of every route's error handling: stores the original message, the failing route and
 * endpoint, and the exception in the dead-letter store, and logs one WARN line. A failed replay
 * updates the dead letter it came from instead of adding another.
 */
@Component
public class DeadLetterRecorder implements Processor {

    /** Set by a replay so a repeated failure updates the same dead letter. */
    public static final String DEAD_LETTER_ID_HEADER = "WorkspaceDeadLetterId";
    /** Set on the exchange once it has been dead-lettered. */
    public static final String DEAD_LETTERED_PROPERTY = "workspace.deadLettered";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);
    // workspace-event: a replay goes to the one subscriber named in the event's headers.
    private static final Set<String> REPLAYABLE_SCHEMES = Set.of("direct", "seda", "workspace-event");
    private static final int MAX_HEADERS = 50;
    private static final int MAX_HEADER_VALUE = 500;

    private final DeadLetterStore store;
    private final List<DeadLetterListener> listeners;

    public DeadLetterRecorder(DeadLetterStore store, List<DeadLetterListener> listeners) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT,
                Exception.class);
        String routeId = exchange.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, String.class);
        if (routeId == null) {
            routeId = exchange.getFromRouteId();
        }
        String failedEndpoint = exchange.getProperty(ExchangePropertyKey.FAILURE_ENDPOINT,
                String.class);
        String sanitizedEndpoint = failedEndpoint == null ? null : sanitize(failedEndpoint);
        String type = failure == null ? "unknown" : failure.getClass().getName();
        String message = failure == null ? null : failure.getMessage();

        String replayedId = exchange.getMessage().getHeader(DEAD_LETTER_ID_HEADER, String.class);
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        String text = bytes == null ? null : utf8OrNull(bytes);
        String body = text != null || bytes == null ? text : Base64.getEncoder().encodeToString(bytes);
        String id;
        if (replayedId != null && store.find(replayedId).isPresent()) {
            store.failedAgain(replayedId, sanitizedEndpoint, type, message);
            id = replayedId;
        } else {
            id = store.add(new DeadLetterStore.Failure(routeId, replayEndpoint(exchange, routeId),
                    sanitizedEndpoint, type, message, body, text == null && bytes != null,
                    keptHeaders(exchange)));
        }
        exchange.setProperty(DEAD_LETTERED_PROPERTY, id);
        for (DeadLetterListener listener : listeners) {
            listener.deadLettered(routeId, body, message);
        }
        LOG.warn("Route {} failed; message kept as dead letter {}: {}", routeId, id,
                message == null ? type : message);
    }

    private static String replayEndpoint(Exchange exchange, String routeId) {
        Route route = routeId == null ? null : exchange.getContext().getRoute(routeId);
        if (route == null) {
            return null;
        }
        Endpoint from = route.getEndpoint();
        String scheme = from.getEndpointUri().split(":", 2)[0].toLowerCase(Locale.ROOT);
        return REPLAYABLE_SCHEMES.contains(scheme) ? from.getEndpointUri() : null;
    }

    private static Map<String, String> keptHeaders(Exchange exchange) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            if (kept.size() == MAX_HEADERS) {
                break;
            }
            Object value = header.getValue();
            if (keep(header.getKey()) && (value instanceof CharSequence || value instanceof Number
                    || value instanceof Boolean)) {
                String text = value.toString();
                kept.put(header.getKey(), text.length() <= MAX_HEADER_VALUE ? text
                        : text.substring(0, MAX_HEADER_VALUE));
            }
        }
        return kept;
    }

    /** Credentials and Camel's own bookkeeping headers are never stored. */
    private static boolean keep(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith("camel") && !lower.equals(DEAD_LETTER_ID_HEADER.toLowerCase(Locale.ROOT))
                && !lower.contains("authorization") && !lower.contains("cookie")
                && !lower.contains("token") && !lower.contains("password")
                && !lower.contains("secret") && !lower.contains("apikey")
                && !lower.contains("api-key");
    }

    private static String sanitize(String endpointUri) {
        try {
            return UriSanitizer.sanitize(java.net.URI.create(endpointUri));
        } catch (IllegalArgumentException e) {
            int query = endpointUri.indexOf('?');
            return query < 0 ? endpointUri : endpointUri.substring(0, query);
        }
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
