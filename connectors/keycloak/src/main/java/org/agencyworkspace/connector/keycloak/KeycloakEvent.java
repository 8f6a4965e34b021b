package org.agencyworkspace.connector.keycloak;

/**
 * One event as Keycloak stored it, kept whole: the caller maps what it understands and keeps
 * the rest (an event type it does not know, a field missing) instead of losing it.
 *
 * @param kind a user event ({@code /events}: logins, failures, ...) or an admin event
 *     ({@code /admin-events}: changes made through the admin API or console)
 * @param id Keycloak's event id, or null when the answer carried none
 * @param time when it happened, epoch milliseconds, or -1 when missing
 * @param json the event as Keycloak answered it
 */
public record KeycloakEvent(Kind kind, String id, long time, String json) {

    public enum Kind { USER, ADMIN }
}
