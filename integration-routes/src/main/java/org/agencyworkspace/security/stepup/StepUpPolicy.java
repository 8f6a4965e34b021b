package org.agencyworkspace.security.stepup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.stepup.StepUpDecision.Outcome;

/**
 * Decides whether an authentication is stepped up: its level must be at least the required one
 * in the configured order, and it must have been made within the window. Anything missing or
 * unknown refuses (fail closed).
 */
public class StepUpPolicy {

    private final List<String> levels;
    private final String requiredLevel;
    private final Duration window;
    private final Clock clock;

    public StepUpPolicy(SecurityProperties.StepUp settings, Clock clock) {
        this.levels = List.copyOf(settings.acrLevels());
        this.requiredLevel = settings.requiredAcr();
        this.window = settings.maxAge();
        this.clock = clock;
    }

    public String requiredLevel() {
        return requiredLevel;
    }

    /** The window in whole seconds, as {@code max_age} of an authorization request. */
    public long windowSeconds() {
        return window.toSeconds();
    }

    public StepUpDecision evaluate(AuthenticationEvidence evidence) {
        String level = evidence.acr();
        Instant at = evidence.authenticatedAt();
        if (level == null || level.isBlank()) {
            return decision(Outcome.LEVEL_MISSING, null, at, null);
        }
        int rank = levels.indexOf(level);
        if (rank < 0) {
            return decision(Outcome.LEVEL_UNKNOWN, level, at, null);
        }
        if (rank < levels.indexOf(requiredLevel)) {
            return decision(Outcome.LEVEL_TOO_LOW, level, at, null);
        }
        if (at == null) {
            return decision(Outcome.TIME_MISSING, level, null, null);
        }
        // Whole seconds, like auth_time and the provider's own max_age check, so the workspace
        // and Keycloak agree on the second the step-up lapses.
        Instant expiresAt = at.truncatedTo(ChronoUnit.SECONDS).plus(window);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Outcome outcome = now.isAfter(expiresAt) ? Outcome.LAPSED : Outcome.SATISFIED;
        return decision(outcome, level, at, expiresAt);
    }

    private StepUpDecision decision(Outcome outcome, String level, Instant at, Instant expiresAt) {
        return new StepUpDecision(outcome, level, requiredLevel, at, expiresAt);
    }
}
