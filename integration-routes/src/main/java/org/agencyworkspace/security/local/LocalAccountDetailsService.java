package org.agencyworkspace.security.local;

import java.time.Clock;
import org.agencyworkspace.security.Authorities;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The password step of local sign-in. A correct password grants only {@code MFA_PENDING}; the
 * person's real roles come after the TOTP step.
 */
public class LocalAccountDetailsService implements UserDetailsService {

    private final LocalAccounts accounts;
    private final Clock clock;

    public LocalAccountDetailsService(LocalAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        LocalAccount account = accounts.find(login)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return User.withUsername(account.login())
                .password(account.passwordHash())
                .authorities(Authorities.MFA_PENDING)
                .disabled(!account.enabled())
                .accountLocked(account.lockedAt(clock.instant()))
                .build();
    }
}
