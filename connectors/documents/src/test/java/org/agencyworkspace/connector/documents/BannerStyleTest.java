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
    void aMarkingTakesTheStyleOfTheLevelWhoseBannerItPrintsCopyNumberAndAll() {
        assertThat(marking("密 SECRET · 第 3 份 COPY 3").style()).isEqualTo(ClassificationLevel.SECRET.style());
        assertThat(marking("絕對機密 ABSOLUTELY SECRET").style())
                .isEqualTo(ClassificationLevel.ABSOLUTELY_SECRET.style());
        assertThat(marking("機密 CONFIDENTIAL").style()).isEqualTo(ClassificationLevel.CONFIDENTIAL.style());
        assertThat(marking("限閱 RESTRICTED").style()).isEqualTo(BannerStyle.DEFAULT);
    }

    private static Marking marking(String banner) {
        Marking base = Marked.MARKING;
        return new Marking(banner, base.viewerName(), base.userId(), base.time(), base.documentId(), base.deliveryId());
    }

    @Test
    void theContrastRatioIsWcags() {
        assertThat(BannerStyle.contrast(0x000000, 0xFFFFFF)).isEqualTo(21.0);
        assertThat(BannerStyle.contrast(0x777777, 0x777777)).isEqualTo(1.0);
    }
}
