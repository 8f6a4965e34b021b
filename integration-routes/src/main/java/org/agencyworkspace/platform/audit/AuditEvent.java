package org.agencyworkspace.platform.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Who did what to which object, from where, with what outcome. Field names follow the Elastic
 * Common Schema so the record ships to Elasticsearch without renaming.
 *
 * @param id unique event id ({@code event.id}); also the document id when shipped
 * @param timestamp when it happened ({@code @timestamp})
 * @param action what was done, dotted lower case, e.g. {@code login.failure} ({@code event.action})
 * @param category ECS category: authentication, file, iam, configuration, process, ...
 * @param outcome success, failure or unknown ({@code event.outcome})
 * @param actor who did it; {@link Actor#SYSTEM} for the workspace itself
 * @param target the object acted on, if any
 * @param source network address and user agent of the request, if any
 * @param reason why: the refusal reason, the justification given, ...
 * @param traceId the request or exchange id that links this event to log lines ({@code trace.id})
 * @param details further facts; never secrets or document contents
 */
public record AuditEvent(
        String id,
        Instant timestamp,
        String action,
        String category,
        Outcome outcome,
        Actor actor,
        Target target,
        Source source,
        String reason,
        String traceId,
        Map<String, String> details) {

    public enum Outcome { SUCCESS, FAILURE, UNKNOWN }

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        requireText(action, "action");
        requireText(category, "category");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actor, "actor");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /**
     * Starts an event for {@code action}; id and time are filled in, the rest is set on the
     * builder.
     */
    public static Builder of(String action, String category) {
        return new Builder(action, category);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " required");
        }
    }

    /**
     * The person or system that acted.
     *
     * @param id stable user id ({@code user.id})
     * @param name login or display name ({@code user.name})
     */
    public record Actor(String id, String name) {
        public static final Actor SYSTEM = new Actor("system", "Agency Workspace");

        public Actor {
            requireText(id, "actor id");
        }
    }

    /**
     * The object acted on.
     *
     * @param type kind of object: file, account, route, dead-letter, message, ...
     * @param id its identifier or path
     * @param classification its classification label, if it has one ({@code labels.classification})
     */
    public record Target(String type, String id, String classification) {
        public Target {
            requireText(type, "target type");
            requireText(id, "target id");
        }
    }

    /**
     * Where the request came from.
     *
     * @param ip client address ({@code source.ip})
     * @param userAgent client software ({@code user_agent.original})
     */
    public record Source(String ip, String userAgent) {
    }

    /** Builds an {@link AuditEvent}; only action, category and outcome are required. */
    public static final class Builder {
        private final String action;
        private final String category;
        private Outcome outcome = Outcome.SUCCESS;
        private Actor actor = Actor.SYSTEM;
        private Target target;
        private Source source;
        private String reason;
        private String traceId;
        private Map<String, String> details = Map.of();

        private Builder(String action, String category) {
            this.action = action;
            this.category = category;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder success() {
            return outcome(Outcome.SUCCESS);
        }

        public Builder failure(String reason) {
            this.reason = reason;
            return outcome(Outcome.FAILURE);
        }

        public Builder actor(String id, String name) {
            this.actor = new Actor(id, name);
            return this;
        }

        public Builder actor(Actor actor) {
            this.actor = actor;
            return this;
        }

        public Builder target(String type, String id) {
            return target(type, id, null);
        }

        public Builder target(String type, String id, String classification) {
            this.target = new Target(type, id, classification);
            return this;
        }

        public Builder source(String ip, String userAgent) {
            this.source = new Source(ip, userAgent);
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        public Builder details(Map<String, String> details) {
            this.details = details;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(UUID.randomUUID().toString(), Instant.now(), action, category,
                    outcome, actor, target, source, reason, traceId, details);
        }
    }
}
