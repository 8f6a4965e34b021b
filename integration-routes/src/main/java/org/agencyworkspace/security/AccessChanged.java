package org.agencyworkspace.security;

/**
 * A person's directory entry changed (disabled, clearance, roles): their open sessions must be
 * checked against it on their next request rather than after the guard's cache expires.
 *
 * @param login the person's sign-in name
 */
public record AccessChanged(String login) {
}
