package org.agencyworkspace.platform.integration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.idempotency.IdempotentRepositories;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workspace services offered to routes that cannot call Java directly (YAML routes), with
 * plain string arguments that are checked here: send a notification, record an audit event.
 */
@Component
public class RouteServices {

    /** Headers named {@code WorkspaceParam<Name>} become template parameters. */
    public static final String PARAMETER_HEADER = "WorkspaceParam";
    /** The natural key of what a message is about: a message whose key was sent before is not sent again. */
    public static final String KEY_HEADER = "WorkspaceMessageKey";

    private final Messenger messenger;
    private final AuditTrail audit;
    private final JdbcMessageIdRepository sentKeys;
    private final TransactionTemplate transactions;

    public RouteServices(Messenger messenger, AuditTrail audit, IdempotentRepositories repositories,
            TransactionTemplate transactions) {
        this.messenger = messenger;
        this.audit = audit;
        this.sentKeys = repositories.forProcessor("workspace-notify");
        this.transactions = transactions;
    }

    /**
     * Sends a notification.
     *
     * @param recipient {@code user:<login>}, {@code group:<name>} or {@code room:<id>}
     * @param template the notification template key
     * @param body a map of template parameters, or text given as the {@code text} parameter
     * @param locale a language tag such as {@code en}, or null for the recipient's own
     * @param headers the message headers; each {@code WorkspaceParamXyz} header becomes the
     *     parameter {@code xyz}; {@code WorkspaceMessageKey} sends the message only if no
     *     message with that key was sent before
     * @return the message id, or null when the key was sent before
     * @throws IllegalArgumentException when the recipient or template is malformed or unknown
     */
    public String sendMessage(String recipient, String template, Object body, String locale,
            Map<String, Object> headers) {
        Map<String, String> parameters = parameters(body);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name.startsWith(PARAMETER_HEADER) && name.length() > PARAMETER_HEADER.length()
                        && value != null) {
                    String parameter = name.substring(PARAMETER_HEADER.length());
                    parameters.put(Character.toLowerCase(parameter.charAt(0))
                            + parameter.substring(1), value.toString());
                }
            });
        }
        OutgoingMessage message = new OutgoingMessage(parseRecipient(recipient), template, parameters,
                locale == null || locale.isBlank() ? null : Locale.forLanguageTag(locale));
        Object key = headers == null ? null : headers.get(KEY_HEADER);
        if (key == null || key.toString().isBlank()) {
            return messenger.send(message);
        }
        // The key and the message commit together: a crash before the commit leaves neither (the
        // route's next run sends it), after it both (the next run skips it). A key kept apart
        // from the message, as an eager idempotent consumer keeps it, loses the message when
        // the process dies in between (issue 22's crash harness).
        return transactions.execute(status -> sentKeys.add(key.toString()) ? messenger.send(message) : null);
    }

    /**
     * Records an audit event on behalf of a route.
     *
     * @param routeId the calling route, recorded as the actor {@code route:<id>}
     * @param action dotted lower-case action name
     * @param category ECS category, {@code integration} when null
     * @param outcome {@code success} (default) or {@code failure}
     * @param target {@code <type>:<id>} of the object acted on, or null
     * @param reason why, or null
     */
    public void audit(String routeId, String action, String category, String outcome,
            String target, String reason) {
        if (action == null || !action.matches("[a-z0-9][a-z0-9.-]{0,99}")) {
            throw new IllegalArgumentException("audit action must be dotted lower-case words: "
                    + action);
        }
        AuditEvent.Builder event = AuditEvent.of(action, category == null ? "integration" : category)
                .actor("route:" + routeId, routeId)
                .reason(reason);
        if ("failure".equalsIgnoreCase(outcome)) {
            event.outcome(AuditEvent.Outcome.FAILURE);
        } else if (outcome != null && !"success".equalsIgnoreCase(outcome)) {
            throw new IllegalArgumentException("audit outcome must be success or failure: " + outcome);
        }
        if (target != null) {
            String[] parts = target.split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("audit target must be <type>:<id>: " + target);
            }
            event.target(parts[0], parts[1]);
        }
        audit.record(event.build());
    }

    static Recipient parseRecipient(String spec) {
        if (spec == null || !spec.contains(":")) {
            throw new IllegalArgumentException(
                    "recipient must be user:<login>, group:<name> or room:<id>: " + spec);
        }
        String[] parts = spec.split(":", 2);
        return switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "user" -> Recipient.user(parts[1]);
            case "group" -> Recipient.group(parts[1]);
            case "room" -> Recipient.room(parts[1]);
            default -> throw new IllegalArgumentException(
                    "recipient must be user:<login>, group:<name> or room:<id>: " + spec);
        };
    }

    static Map<String, String> parameters(Object body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((key, value) -> parameters.put(String.valueOf(key), String.valueOf(value)));
        } else if (body != null) {
            parameters.put("text", body.toString());
        }
        return parameters;
    }
}
