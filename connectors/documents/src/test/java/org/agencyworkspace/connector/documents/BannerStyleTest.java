package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Banners legible on a phone: high contrast and larger than the 2.2 % the engine used to print. */
class BannerStyleTest {

    @Test
    void everyLevelHasAtLeastSevenToOneContrastAndThreeAndAHalfPercentOfThePage() {
        assertThat(Arrays.stream(ClassificationLevel.values()).map(ClassificationLevel::style)).allSatisfy(style -> {
            assertThat(BannerStyle.contrast(style.textRgb(), style.bandRgb())).isGreaterThanOrEqualTo(7.0);
            assertThat(style.sizePercent()).isGreaterThanOrEqualTo(3.5f);
        });
    }

    @Test
    void aStyleThatCannotBeReadIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BannerStyle(0xFF8080, 0xFFFFFF, 4f))
                .withMessageContaining("contrast");
        assertThatIllegalArgumentException().isThrownBy(() -> new BannerStyle(0x000000, 0xFFFFFF, 2f));
        assertThatIllegalArgumentException().isThrownBy(() -> new BannerStyle(0x1000000, 0xFFFFFF, 4f));
    }

    @Test
    void theContrastRatioIsWcags() {
        assertThat(BannerStyle.contrast(0x000000, 0xFFFFFF)).isEqualTo(21.0);
        assertThat(BannerStyle.contrast(0x777777, 0x777777)).isEqualTo(1.0);
    }
}
