package org.agencyworkspace.identity.provisioning;

import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;

/**
 * Keeps a person's Matrix room memberships in line with the org chart, applied by
 * {@link MatrixTarget} right after the account itself (so the account exists before it is
 * invited). Must be idempotent, like every target step.
 */
public interface MatrixRoomMembership {

    /**
     * @param kind the change
     * @param person the identity after the change
     * @param userId the person's Matrix user id
     */
    void follow(Kind kind, IdentityDraft person, String userId);
}
