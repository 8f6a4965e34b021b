package org.agencyworkspace.files.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class EditorUrlTest {

    private static final String SRC = "https://ws.example/wopi/files/nc-42";

    @Test
    void appendsWopiSrcEncodedAfterCollaborasQuestionMark() {
        assertThat(EditingSessions.editorUrl("https://cool.example/browser/4a1b/cool.html?", SRC, Locale.TRADITIONAL_CHINESE))
                .isEqualTo("https://cool.example/browser/4a1b/cool.html?WOPISrc=https%3A%2F%2Fws.example%2Fwopi%2Ffiles%2Fnc-42&lang=zh-TW");
    }

    @Test
    void dropsOnlyOfficesPlaceholdersAndJoinsExistingParameters() {
        assertThat(EditingSessions.editorUrl("https://oo.example/hosting/wopi/word/edit?<ui=UI_LLCC&><rs=DC_LLCC&>", SRC, Locale.ENGLISH))
                .isEqualTo("https://oo.example/hosting/wopi/word/edit?WOPISrc=https%3A%2F%2Fws.example%2Fwopi%2Ffiles%2Fnc-42&lang=en");
        assertThat(EditingSessions.editorUrl("https://e.example/edit?mode=1", SRC, Locale.ENGLISH))
                .startsWith("https://e.example/edit?mode=1&WOPISrc=");
        assertThat(EditingSessions.editorUrl("https://e.example/edit", SRC, Locale.ENGLISH))
                .startsWith("https://e.example/edit?WOPISrc=");
    }
}
