package org.switchboard.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The values {@link BatchInsert} sends through COPY's text format: what PostgreSQL reads back as the same value. */
class CopyTextTest {

    private static String copyText(Object value) {
        StringBuilder out = new StringBuilder();
        BatchInsert.appendCopyValue(out, value);
        return out.toString();
    }

    @Test
    void textKeepsItsCharactersAndEscapesOnlyWhatWouldEndAFieldOrARow() {
        assertThat(copyText("Dear Anna,\r\nforty chairs\tat 12\\unit.\r\n")).isEqualTo("Dear Anna,\\r\\nforty chairs\\tat 12\\\\unit.\\r\\n");
        assertThat(copyText("plain text, no escapes: äöü €")).isEqualTo("plain text, no escapes: äöü €");
        assertThat(copyText("\\\n")).isEqualTo("\\\\\\n");
        assertThat(copyText("")).isEqualTo("");
    }

    @Test
    void nullBooleansNumbersAndDatesHaveTheirOwnForms() {
        assertThat(copyText(null)).isEqualTo("\\N");
        assertThat(copyText(true)).isEqualTo("t");
        assertThat(copyText(42L)).isEqualTo("42");
        assertThat(copyText(LocalDate.of(2026, 11, 30))).isEqualTo("2026-11-30");
    }
}
