package org.agencyworkspace.files.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationSchemeTest {

    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    final ClassificationScheme scheme = DefaultLevels.scheme(false);

    @Test
    void theShippedLevelsFollowTaiwansRules() {
        ClassificationProperties shipped = DefaultLevels.shipped();
        assertThat(shipped.levels()).extracting(ClassificationLevel::code)
                .containsExactlyElementsOf(DefaultLevels.CLEARANCES);
        assertThat(shipped.levels()).extracting(ClassificationLevel::marking).containsExactly(
                "無密等 UNMARKED", "密 SECRET", "機密 CONFIDENTIAL", "極機密 TOP SECRET",
                "絕對機密 ABSOLUTELY SECRET");
        assertThat(shipped.levels()).extracting(ClassificationLevel::acceptedAtUpload)
                .containsExactly(true, true, false, false, false);
        assertThat(shipped.levels()).extracting(ClassificationLevel::publicLinks)
                .containsExactly(true, false, false, false, false);
        assertThat(shipped.levels()).extracting(ClassificationLevel::copy)
                .containsExactly(true, true, true, true, false);
        assertThat(shipped.levels()).extracting(ClassificationLevel::stepUp)
                .containsExactly(false, true, true, true, true);
        assertThat(shipped.provisionalDecisionPeriod()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void nationalSecretsAreRefusedUnlessTheDeploymentAcceptsThem() {
        Label confidential = label("confidential", LocalDate.parse("2030-01-01"), null)
                .withReaders(List.of("amy"));
        assertThatThrownBy(() -> scheme.check(confidential))
                .isInstanceOf(LabelRejectedException.class)
                .hasMessageContaining("機密").hasMessageContaining("not accepted");

        assertThat(DefaultLevels.scheme(true).check(confidential).level()).isEqualTo("confidential");
    }

    @Test
    void aClassifiedLabelNeedsAReasonAndExactlyOneWayToEnd() {
        assertThatThrownBy(() -> scheme.check(new Label("secret", " ", "amy", NOW, null,
                LocalDate.parse("2027-01-01"), null, false, null, null, null)))
                .hasMessageContaining("reason is required");
        assertThatThrownBy(() -> scheme.check(label("secret", null, null)))
                .hasMessageContaining("neither");
        assertThatThrownBy(() -> scheme.check(label("secret", LocalDate.parse("2027-01-01"), "公布後解密")))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> scheme.check(label("secret", LocalDate.parse("2026-11-26"), null)))
                .hasMessageContaining("after today");
        assertThat(scheme.check(label("secret", null, " 公布後解密 ")).declassifyCondition())
                .isEqualTo("公布後解密");
    }

    @Test
    void aPeriodBeyondTheLevelsMaximumIsRefused() {
        ClassificationScheme accepting = DefaultLevels.scheme(true);
        assertThatThrownBy(() -> accepting.check(label("confidential", LocalDate.parse("2037-01-01"), null)
                .withReaders(List.of("amy"))))
                .hasMessageContaining("at most P10Y").hasMessageContaining("2036-11-26");
        assertThat(accepting.check(label("confidential", LocalDate.parse("2036-11-26"), null)
                .withReaders(List.of("amy"))).declassifyOn()).isEqualTo("2036-11-26");
    }

    @Test
    void needToKnowLevelsMustNameTheirReaders() {
        assertThatThrownBy(() -> DefaultLevels.scheme(true)
                .check(label("top-secret", LocalDate.parse("2030-01-01"), null)))
                .hasMessageContaining("need to know");
    }

    @Test
    void aProvisionalLabelGetsItsDecisionDeadline() {
        Label provisional = new Label("secret", "draft budget", "amy", NOW, null, null, "公布後解密",
                true, null, null, null);
        assertThat(scheme.check(provisional).decisionDeadline()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void orderDowngradesAndCombinedMaterial() {
        assertThat(scheme.isDowngrade("secret", "unmarked")).isTrue();
        assertThat(scheme.isDowngrade("unmarked", "secret")).isFalse();
        assertThat(scheme.highest(List.of("unmarked", "secret", "unmarked")).code()).isEqualTo("secret");
        assertThat(scheme.highest(List.of()).code()).isEqualTo("unmarked");
        assertThatThrownBy(() -> scheme.level("restricted"))
                .hasMessageContaining("unknown classification 'restricted'")
                .hasMessageContaining("unmarked, secret, confidential");
    }

    @Test
    void todayIsTheAgencysDayNotUtcs() {
        // 01:00 on 27 November in Taipei, still 26 November in UTC: "the 27th" is today, not later.
        Instant taipeiAfterMidnight = Instant.parse("2026-11-26T17:00:00Z");
        assertThatThrownBy(() -> scheme.check(new Label("secret", "matter", "amy",
                taipeiAfterMidnight, null, LocalDate.parse("2026-11-27"), null, false, null, null,
                null))).isInstanceOf(LabelRejectedException.class).hasMessageContaining("after today");
    }

    @Test
    void levelsMustBeTheClearanceLevelsInOrder() {
        assertThatThrownBy(() -> new ClassificationScheme(new ClassificationProperties(
                DefaultLevels.scheme(false).levels(), Duration.ofDays(30), List.of("manager")),
                List.of("unmarked", "confidential", "secret", "top-secret", "absolutely-secret"),
                DefaultLevels.ZONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same order");
    }

    private static Label label(String level, LocalDate declassifyOn, String condition) {
        return new Label(level, "personnel matter", "amy", NOW, null, declassifyOn, condition, false,
                null, null, null);
    }
}
