package org.attendanceledger.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeSetVersionTest {

    @Test
    void versions_have_the_ids_stored_on_mark_events() {
        assertThat(CodeSetVersion.values()).extracting(CodeSetVersion::id)
                .containsExactly("REG06", "REG06-2013", "REG06-2016", "REG24");
    }

    @ParameterizedTest(name = "a session on {0} uses {1}")
    @CsvSource({
            "1999-01-04, REG06",
            "2006-09-01, REG06",
            "2013-08-31, REG06",
            "2013-09-01, REG06-2013",
            "2016-08-31, REG06-2013",
            "2016-09-01, REG06-2016",
            "2024-08-18, REG06-2016",
            "2024-08-19, REG24",
            "2030-01-01, REG24"})
    void the_version_in_force_depends_on_the_session_date(LocalDate sessionDate, String expectedId) {
        assertThat(CodeSetVersion.inForceOn(sessionDate).id()).isEqualTo(expectedId);
    }

    @Test
    void versions_are_found_by_id() {
        assertThat(CodeSetVersion.fromId("REG06-2013")).contains(CodeSetVersion.REG06_2013);
        assertThat(CodeSetVersion.fromId("REG24")).contains(CodeSetVersion.REG24);
    }

    @Test
    void an_unknown_or_enum_style_id_is_not_a_version() {
        assertThat(CodeSetVersion.fromId("REG06_2013")).isEmpty();
        assertThat(CodeSetVersion.fromId("reg24")).isEmpty();
        assertThat(CodeSetVersion.fromId(null)).isEmpty();
    }

    @Test
    void the_2024_set_is_effective_from_19_august_2024() {
        assertThat(CodeSetVersion.REG24.effectiveFrom()).isEqualTo(LocalDate.of(2024, 8, 19));
    }
}
