package org.agencyworkspace.connector.matrix;

import java.util.Objects;

/**
 * What {@link SynapseAdmin#createOrUpdateUser} did.
 *
 * @param created true when the account did not exist and was created (HTTP 201), false when an
 *     existing account was modified (HTTP 200)
 * @param user the account as Synapse holds it after the change
 */
public record UpdatedUser(boolean created, SynapseUser user) {

    public UpdatedUser {
        Objects.requireNonNull(user, "user");
    }
}
