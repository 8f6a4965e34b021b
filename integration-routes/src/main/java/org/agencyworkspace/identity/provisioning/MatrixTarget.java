package org.agencyworkspace.identity.provisioning;

import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.matrix.SynapseUserUpdate;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;

/**
 * Matrix accounts on Synapse ({@code @username:server}): display name (Chinese when known) and
 * e-mail; a leaver is deactivated, which logs out every device at once.
 */
public class MatrixTarget implements IdentityTarget {

    private final SynapseAdmin synapse;
    private final String serverName;

    public MatrixTarget(SynapseAdmin synapse, String serverName) {
        this.synapse = synapse;
        this.serverName = serverName;
    }

    @Override
    public String name() {
        return "matrix";
    }

    @Override
    public void apply(Kind kind, IdentityDraft person) {
        String userId = MatrixUserId.of(person.userName(), serverName);
        if (kind == Kind.LEAVE || !person.active()) {
            synapse.deactivate(userId, false);
            return;
        }
        SynapseUserUpdate update = SynapseUserUpdate.of(userId)
                .withDisplayName(person.displayNameZh() != null ? person.displayNameZh()
                        : person.displayNameEn())
                .withEmail(person.email());
        synapse.createOrUpdateUser(kind == Kind.JOIN ? update.reactivating() : update);
    }
}
