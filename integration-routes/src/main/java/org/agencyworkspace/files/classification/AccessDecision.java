package org.agencyworkspace.files.classification;

/**
 * What {@link AccessPolicy} decided.
 *
 * @param allowed whether the action may go ahead
 * @param reason why not, for the person and the audit trail; null when allowed
 * @param stepUpRequired whether a recent re-authentication is needed first (only when allowed)
 */
public record AccessDecision(boolean allowed, String reason, boolean stepUpRequired) {

    public static AccessDecision allow(boolean stepUpRequired) {
        return new AccessDecision(true, null, stepUpRequired);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason, false);
    }
}
