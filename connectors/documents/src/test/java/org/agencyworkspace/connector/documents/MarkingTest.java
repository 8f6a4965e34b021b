package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.Marked.MARKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.agencyworkspace.connector.documents.DocumentRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkingTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "line\nbreak", "bell\u0007", "bidi \u202Eoverride", "zero\u200Bwidth"})
    void viewerNamesThatCouldHideOrReorderTheMarkAreRefused(String viewer) {
        assertThat(refusal(() -> new Marking(MARKING.banner(), viewer, "u", MARKING.time(), "d", "x")))
                .isEqualTo(Reason.INVALID_NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc", "has space", "awfp:nested",
        "x12345678901234567890123456789012345678901234567890123456789012345"})
    void deliveryIdsHaveOneSafeForm(String deliveryId) {
        assertThat(refusal(() -> new Marking(MARKING.banner(), "v", "u", MARKING.time(), "d", deliveryId)))
                .isEqualTo(Reason.INVALID_NAME);
    }

    @Test
    void unknownLabelsAreRefusedNamingTheKnownOnes() {
        DocumentRejectedException refusal = catchThrowableOfType(DocumentRejectedException.class,
                () -> BannerLevel.find(ClassificationLevel.shipped(), "restricted"));

        assertThat(refusal.reason()).isEqualTo(Reason.UNKNOWN_LABEL);
        assertThat(refusal).hasMessageContaining("'restricted'")
                .hasMessageContaining("unmarked, secret, confidential, top-secret, absolutely-secret");
        assertThat(BannerLevel.find(ClassificationLevel.shipped(), "top-secret").banner()).isEqualTo("極機密 TOP SECRET");
    }

    @Test
    void aNameTheFontCannotDrawIsRefusedRatherThanPrintedAsBoxes() {
        Marking emoji = new Marking(MARKING.banner(), "Wang \uD83D\uDE00", "u", MARKING.time(), "d", "x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DocumentRejectedException refusal = catchThrowableOfType(DocumentRejectedException.class,
                () -> Watermarker.builder().build().watermark(emoji,
                        new ByteArrayInputStream(AwkwardPdfs.textPages(1)), out));

        assertThat(refusal.reason()).isEqualTo(Reason.INVALID_NAME);
        assertThat(refusal).hasMessageContaining("U+1F600 in the viewer name");
        assertThat(out.size()).isZero();
    }

    private static Reason refusal(Runnable action) {
        return catchThrowableOfType(DocumentRejectedException.class, action::run).reason();
    }
}
