package org.agencyworkspace.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether a signed-in person may still use what they signed in with. A session (or a bearer
 * token) carries the clearance and roles of its sign-in; the staff directory carries them as they
 * are now. The directory entry is re-read at most every {@code recheck} interval, and at once after
 * a change to the person ({@link AccessChanged}, sent when provisioning or a revocation touches
 * the entry), so a disabled, lowered or departed person is refused on their next request.
 */
@Component
public class SessionGuard {

    /** What the directory says now. */
    record Access(boolean enabled, String clearance, Set<String> roles) {
    }

    private record Read(Optional<Access> access, Instant at) {
    }

    private final LocalAccounts accounts;
    private final Clock clock;
    private final Duration recheck;
    private final List<String> clearanceLevels;
    private final Set<String> managedRoles;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    public SessionGuard(LocalAccounts accounts, Clock clock, SecurityProperties security,
            IdentityProperties identity) {
        this.accounts = accounts;
        this.clock = clock;
        this.recheck = security.sessions().recheck();
        this.clearanceLevels = List.copyOf(identity.clearanceLevels());
        this.managedRoles = Set.copyOf(identity.roles());
    }

    /**
     * Why {@code user} may no longer act with what their session or token says, or empty when
     * they may. A person the directory does not know (a bearer token of someone who never
     * signed in here) is judged by the token alone.
     */
    public Optional<String> refusal(WorkspaceUser user) {
        Optional<Access> now = current(user.login());
        if (now.isEmpty()) {
            return Optional.empty();
        }
        Access access = now.get();
        if (!access.enabled()) {
            return Optional.of("account disabled");
        }
        if (clearanceLevels.indexOf(access.clearance()) < clearanceLevels.indexOf(user.clearance())) {
            return Optional.of("clearance lowered to " + access.clearance());
        }
        Set<String> lost = new HashSet<>(user.roles());
        lost.retainAll(managedRoles);
        lost.removeAll(access.roles());
        if (!lost.isEmpty()) {
            return Optional.of("role removed: " + String.join(", ", lost.stream().sorted().toList()));
        }
        return Optional.empty();
    }

    /** The person's entry changed: the next request reads it again. */
    @EventListener
    public void accessChanged(AccessChanged changed) {
        reads.remove(changed.login());
    }

    private Optional<Access> current(String login) {
        Instant now = clock.instant();
        Read read = reads.get(login);
        if (read == null || !read.at().plus(recheck).isAfter(now)) {
            read = new Read(accounts.find(login).map(SessionGuard::access), now);
            reads.put(login, read);
        }
        return read.access();
    }

    private static Access access(LocalAccount account) {
        return new Access(account.enabled(), account.clearance(), Set.copyOf(account.roles()));
    }
}
