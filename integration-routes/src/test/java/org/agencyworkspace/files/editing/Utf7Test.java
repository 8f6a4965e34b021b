package org.agencyworkspace.files.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Utf7Test {

    @Test
    void decodesWhatCollaboraSends() {
        // RFC 2152's examples, and a CJK name as COOL converts it.
        assertThat(Utf7.decode("Hi Mom -+Jjo--!")).isEqualTo("Hi Mom -\u263a-!");
        assertThat(Utf7.decode("+ZeVnLIqe-")).isEqualTo("日本語");
        assertThat(Utf7.decode("A+-B.docx")).isEqualTo("A+B.docx");
        assertThat(Utf7.decode("plain.odt")).isEqualTo("plain.odt");
    }

    @Test
    void roundTripsChineseNames() {
        for (String name : new String[] {"計畫 定稿", "人事名冊 (2).docx", "a+b 預算.xlsx"}) {
            assertThat(Utf7.decode(Utf7.encode(name))).isEqualTo(name);
        }
        assertThat(Utf7.encode("計畫.docx")).matches("\\+[A-Za-z0-9+/]+-\\.docx");
    }

    @Test
    void refusesBrokenRuns() {
        assertThatThrownBy(() -> Utf7.decode("+A-")).isInstanceOf(IllegalArgumentException.class);
    }
}
