package org.agencyworkspace.identity.provisioning;

import org.agencyworkspace.connector.matrix.MatrixUserId;
import java.util.List;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.matrix.SynapseUserQuery;
import org.agencyworkspace.connector.matrix.SynapseUserUpdate;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;

/**
 * Matrix accounts on Synapse ({@code @username:server}): display name (Chinese when known) and
 * e-mail; a leaver is deactivated, which logs out every device at once. With the chat bot
 * configured, room memberships (department rooms, Space, security room) follow in the same step.
 */
public class MatrixTarget implements IdentityTarget {

    private static final int PAGE_SIZE = 200;

    private final SynapseAdmin synapse;
    private final String serverName;
    private final MatrixRoomMembership rooms;

    public MatrixTarget(SynapseAdmin synapse, String serverName) {
        this(synapse, serverName, (kind, person, userId) -> { });
    }

    public MatrixTarget(SynapseAdmin synapse, String serverName, MatrixRoomMembership rooms) {
        this.synapse = synapse;
        this.serverName = serverName;
        this.rooms = rooms;
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
            rooms.follow(kind, person, userId);
            return;
        }
        SynapseUserUpdate update = SynapseUserUpdate.of(userId)
                .withDisplayName(person.displayNameZh() != null ? person.displayNameZh()
                        : person.displayNameEn())
                .withEmail(person.email());
        synapse.createOrUpdateUser(kind == Kind.JOIN ? update.reactivating() : update);
        rooms.follow(kind, person, userId);
    }

    /**
     * A person who is gone is deactivated, which logs out every device. A Matrix account carries
     * no clearance or roles; the security room follows a lost role in the upkeep step.
     */
    @Override
    public void revoke(IdentityDraft person) {
        if (!person.active()) {
            synapse.deactivate(MatrixUserId.of(person.userName(), serverName), false);
        }
    }

    /** Local users of this homeserver; server admins (operators and the workspace itself) are left out. */
    @Override
    public List<Account> accounts() {
        String suffix = ":" + serverName;
        return synapse.allUsers(SynapseUserQuery.all(PAGE_SIZE))
                .filter(user -> !user.admin() && user.userId().endsWith(suffix))
                .map(user -> new Account(
                        user.userId().substring(1, user.userId().length() - suffix.length()),
                        !user.deactivated()))
                .toList();
    }

    @Override
    public void disableAccount(String userName) {
        synapse.deactivate(MatrixUserId.of(userName, serverName), false);
    }
}
