package org.agencyworkspace.identity.provisioning;

import java.util.List;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;

/**
 * An app whose accounts follow the canonical identities: Keycloak, Nextcloud, Matrix, or the
 * workspace's own directory. Implementations must be idempotent: a change is applied again
 * after a crash, a retry or a replay, and must then leave the account as one application would.
 */
public interface IdentityTarget {

    /** Short stable name, stored with each step: {@code keycloak}, {@code matrix}, ... */
    String name();

    /**
     * Makes the person's account match the change.
     *
     * @param kind JOIN (create or re-enable), MOVE (update), LEAVE (disable, end every session)
     * @param person the identity after the change
     * @throws org.agencyworkspace.connector.TransientConnectorException when the app is
     *     unreachable for now: the step is retried
     * @throws org.agencyworkspace.connector.PermanentConnectorException or
     *     IllegalArgumentException when the app refuses: the step goes to the dead-letter store
     */
    void apply(Kind kind, IdentityDraft person);

    /**
     * Takes away what the person no longer has, and nothing more: a person who is not active is
     * disabled with every session ended; otherwise roles they lost are revoked, a lower
     * clearance is set and their sessions are ended so none carries the old rights. Never grants
     * or enables anything, never creates an account, and needs nothing else to have been applied
     * first: it runs before, and apart from, the person's other steps.
     *
     * @param person the identity as it is now
     * @throws org.agencyworkspace.connector.TransientConnectorException when the app is
     *     unreachable for now: the step is retried
     */
    void revoke(IdentityDraft person);

    /**
     * An account as the app has it.
     *
     * @param userName the workspace user name it belongs to
     * @param enabled whether it can sign in or be used
     */
    record Account(String userName, boolean enabled) {
    }

    /**
     * Every account in the app that an identity could own, for reconciliation: the app's own
     * service and administrator accounts are left out.
     *
     * @throws org.agencyworkspace.connector.ConnectorException when the app cannot be read
     */
    List<Account> accounts();

    /**
     * Whether an account that no identity knows is drift. False for the workspace's directory,
     * which also holds local and single sign-on accounts by design.
     */
    default boolean extraAccountsAreDrift() {
        return true;
    }

    /**
     * Disables an account no identity knows, as reconciliation does when told to repair extra
     * accounts; ends its sessions where the app has them. Idempotent.
     */
    void disableAccount(String userName);
}
