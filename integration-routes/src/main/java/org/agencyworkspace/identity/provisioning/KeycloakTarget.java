package org.agencyworkspace.identity.provisioning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.keycloak.KeycloakUserQuery;
import org.agencyworkspace.connector.keycloak.KeycloakUserUpdate;
import org.agencyworkspace.connector.keycloak.SavedUser;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;

/**
 * Keycloak accounts: the user with its e-mail, names, {@code clearance} and {@code department}
 * attributes (the claims the workspace reads) and the workspace roles; the realm's default
 * required actions make a new person set up OTP at first sign-in. A leaver is disabled and every
 * session ended.
 */
public class KeycloakTarget implements IdentityTarget {

    /** Keycloak names the users behind confidential clients' service accounts this way. */
    private static final String SERVICE_ACCOUNT_PREFIX = "service-account-";
    private static final int PAGE_SIZE = 200;

    private final KeycloakAdmin keycloak;
    private final Set<String> managedRoles;
    private final List<String> clearanceLevels;

    /**
     * @param managedRoles the roles identities may carry; only these are granted or revoked, so
     *     roles given in Keycloak by other means are left alone
     * @param clearanceLevels clearance levels, lowest first, so a revocation only lowers
     */
    public KeycloakTarget(KeycloakAdmin keycloak, List<String> managedRoles,
            List<String> clearanceLevels) {
        this.keycloak = keycloak;
        this.managedRoles = Set.copyOf(managedRoles);
        this.clearanceLevels = List.copyOf(clearanceLevels);
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public void apply(Kind kind, IdentityDraft person) {
        if (kind == Kind.LEAVE) {
            keycloak.findUserByUsername(person.userName())
                    .ifPresent(user -> keycloak.disable(user.id()));
            return;
        }
        SavedUser saved = keycloak.createOrUpdateUser(KeycloakUserUpdate.of(person.userName())
                .withEmail(person.email())
                .withName(firstName(person), lastName(person))
                .withEnabled(person.active())
                .withAttribute("clearance", List.of(person.clearance()))
                .withAttribute("department", person.departments()));
        String id = saved.user().id();
        Set<String> wanted = new HashSet<>(person.roles());
        wanted.retainAll(managedRoles);
        Set<String> unwanted = new HashSet<>(managedRoles);
        unwanted.removeAll(wanted);
        keycloak.grantRealmRoles(id, wanted);
        keycloak.revokeRealmRoles(id, unwanted);
        if (!person.active()) {
            // An update to a person who left keeps them out: disabled, and no session survives.
            keycloak.disable(id);
        }
    }

    /**
     * Disables a person who is gone; otherwise revokes lost roles, lowers the clearance
     * attribute (never raises it) and ends every session, so the next token carries what is
     * left. Access tokens already issued live on until they expire (the realm's lifespan).
     */
    @Override
    public void revoke(IdentityDraft person) {
        keycloak.findUserByUsername(person.userName()).ifPresent(user -> {
            if (!person.active()) {
                keycloak.disable(user.id());
                return;
            }
            Set<String> lost = new HashSet<>(managedRoles);
            lost.removeAll(person.roles());
            keycloak.revokeRealmRoles(user.id(), lost);
            List<String> current = user.attributes().getOrDefault("clearance", List.of());
            if (current.isEmpty() || clearanceLevels.indexOf(person.clearance())
                    < clearanceLevels.indexOf(current.get(0))) {
                keycloak.createOrUpdateUser(KeycloakUserUpdate.of(person.userName())
                        .withAttribute("clearance", List.of(person.clearance())));
            }
            keycloak.logout(user.id());
        });
    }

    @Override
    public List<Account> accounts() {
        return keycloak.allUsers(KeycloakUserQuery.all(PAGE_SIZE))
                .filter(user -> !user.username().startsWith(SERVICE_ACCOUNT_PREFIX))
                .map(user -> new Account(user.username(), user.enabled()))
                .toList();
    }

    @Override
    public void disableAccount(String userName) {
        keycloak.findUserByUsername(userName).ifPresent(user -> keycloak.disable(user.id()));
    }

    private static String firstName(IdentityDraft person) {
        return person.givenName() != null ? person.givenName() : person.displayNameEn();
    }

    private static String lastName(IdentityDraft person) {
        return person.familyName() != null ? person.familyName() : person.userName();
    }
}
