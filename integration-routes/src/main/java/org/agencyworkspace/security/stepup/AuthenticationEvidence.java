package org.agencyworkspace.security.stepup;

import java.time.Instant;

/**
 * What the person's current authentication proves, as read from the sign-in: its level and when
 * it was made. Either part may be missing; the policy then refuses.
 *
 * @param acr the level name ({@code acr} claim), or null when the sign-in carries none
 * @param authenticatedAt when the person last authenticated ({@code auth_time}), or null
 */
public record AuthenticationEvidence(String acr, Instant authenticatedAt) {
}
