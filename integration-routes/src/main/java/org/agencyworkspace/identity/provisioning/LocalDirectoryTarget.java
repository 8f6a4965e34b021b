package org.agencyworkspace.identity.provisioning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityRules;
import org.agencyworkspace.security.AccessChanged;
import org.agencyworkspace.security.local.LocalAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The embedded default target: the workspace's own staff directory (local accounts). Keeps names,
 * roles, departments and clearance in step so messages reach the right people, and a leaver's
 * local sign-in is switched off at once. Every change tells the sessions guard, so a person's
 * open sessions are checked against the new entry on their very next request.
 */
@Component
public class LocalDirectoryTarget implements IdentityTarget {

    private final LocalAccounts accounts;
    private final IdentityRules rules;
    private final ApplicationEventPublisher events;

    public LocalDirectoryTarget(LocalAccounts accounts, IdentityRules rules,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.rules = rules;
        this.events = events;
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
        events.publishEvent(new AccessChanged(person.userName()));
    }

    @Override
    public void revoke(IdentityDraft person) {
        accounts.find(person.userName()).ifPresent(account -> {
            Set<String> lost = new HashSet<>(account.roles());
            lost.removeAll(person.roles());
            accounts.restrict(account.login(), person.active(),
                    rules.lower(person.clearance(), account.clearance()) ? person.clearance() : null,
                    lost);
            events.publishEvent(new AccessChanged(account.login()));
        });
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
