package org.agencyworkspace.identity.provisioning;

import java.util.List;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.security.local.LocalAccounts;
import org.springframework.stereotype.Component;

/**
 * The embedded default target: the workspace's own staff directory (local accounts). Keeps names,
 * roles, departments and clearance in step so messages reach the right people, and a leaver's
 * local sign-in is switched off at once.
 */
@Component
public class LocalDirectoryTarget implements IdentityTarget {

    private final LocalAccounts accounts;

    public LocalDirectoryTarget(LocalAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public void apply(Kind kind, IdentityDraft person) {
        accounts.rememberFromSource(person.userName(), person.displayNameEn(),
                person.displayNameZh() == null ? person.displayNameEn() : person.displayNameZh(),
                person.email(), person.clearance(), person.roles(), person.departments(),
                kind != Kind.LEAVE && person.active());
    }

    @Override
    public List<Account> accounts() {
        return accounts.enabledByLogin().entrySet().stream()
                .map(account -> new Account(account.getKey(), account.getValue()))
                .toList();
    }

    @Override
    public boolean extraAccountsAreDrift() {
        return false;
    }

    /** Never called: extra directory accounts are not drift. */
    @Override
    public void disableAccount(String userName) {
        throw new UnsupportedOperationException("the directory keeps accounts no identity knows");
    }
}
