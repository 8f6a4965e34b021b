package org.agencyworkspace.security.stepup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.stepup.StepUpDecision.Outcome;
import org.agencyworkspace.support.MutableClock;
import org.junit.jupiter.api.Test;

class StepUpPolicyTest {

    static final Instant SIGNED_IN = Instant.parse("2026-03-02T09:00:00Z");

    final MutableClock clock = new MutableClock(SIGNED_IN.plusSeconds(10));
    final StepUpPolicy policy = new StepUpPolicy(new SecurityProperties.StepUp(
            List.of("mfa", "mfa-recent"), "mfa-recent", Duration.ofMinutes(5)), clock);

    @Test
    void theRequiredLevelWithinTheWindowIsSteppedUpUntilTheWindowEnds() {
        StepUpDecision decision = policy.evaluate(new AuthenticationEvidence("mfa-recent", SIGNED_IN));

        assertThat(decision.outcome()).isEqualTo(Outcome.SATISFIED);
        assertThat(decision.satisfied()).isTrue();
        assertThat(decision.level()).isEqualTo("mfa-recent");
        assertThat(decision.requiredLevel()).isEqualTo("mfa-recent");
        assertThat(decision.expiresAt()).isEqualTo(SIGNED_IN.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aHigherLevelThanRequiredCounts() {
        StepUpPolicy needsLevelOne = new StepUpPolicy(new SecurityProperties.StepUp(
                List.of("mfa", "mfa-recent"), "mfa", Duration.ofMinutes(5)), clock);

        assertThat(needsLevelOne.evaluate(new AuthenticationEvidence("mfa-recent", SIGNED_IN))
                .satisfied()).isTrue();
    }

    @Test
    void aLowerLevelIsNotEnoughHoweverRecent() {
        StepUpDecision decision = policy.evaluate(new AuthenticationEvidence("mfa", SIGNED_IN));

        assertThat(decision.outcome()).isEqualTo(Outcome.LEVEL_TOO_LOW);
        assertThat(decision.expiresAt()).isNull();
    }

    @Test
    void theStepUpLastsToTheLastSecondOfTheWindowAndLapsesAfter() {
        clock.set(SIGNED_IN.plus(Duration.ofMinutes(5)).plusMillis(999));
        assertThat(policy.evaluate(new AuthenticationEvidence("mfa-recent", SIGNED_IN)).outcome())
                .isEqualTo(Outcome.SATISFIED);

        clock.set(SIGNED_IN.plus(Duration.ofMinutes(5)).plusSeconds(1));
        StepUpDecision lapsed = policy.evaluate(new AuthenticationEvidence("mfa-recent", SIGNED_IN));
        assertThat(lapsed.outcome()).isEqualTo(Outcome.LAPSED);
        assertThat(lapsed.satisfied()).isFalse();
        assertThat(lapsed.expiresAt()).isEqualTo(SIGNED_IN.plus(Duration.ofMinutes(5)));
    }

    @Test
    void missingOrUnknownClaimsFailClosed() {
        assertThat(policy.evaluate(new AuthenticationEvidence(null, SIGNED_IN)).outcome())
                .isEqualTo(Outcome.LEVEL_MISSING);
        assertThat(policy.evaluate(new AuthenticationEvidence(" ", SIGNED_IN)).outcome())
                .isEqualTo(Outcome.LEVEL_MISSING);
        assertThat(policy.evaluate(new AuthenticationEvidence("gold", SIGNED_IN)).outcome())
                .isEqualTo(Outcome.LEVEL_UNKNOWN);
        // Keycloak answers acr "0" for an SSO session whose level has expired.
        assertThat(policy.evaluate(new AuthenticationEvidence("0", SIGNED_IN)).outcome())
                .isEqualTo(Outcome.LEVEL_UNKNOWN);
        assertThat(policy.evaluate(new AuthenticationEvidence("mfa-recent", null)).outcome())
                .isEqualTo(Outcome.TIME_MISSING);
    }

    @Test
    void theWindowIsSentInWholeSeconds() {
        assertThat(policy.windowSeconds()).isEqualTo(300);
        assertThat(policy.requiredLevel()).isEqualTo("mfa-recent");
    }
}
