package org.attendanceledger.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attendanceledger.catalogue.CodeCategory.APPROVED_EDUCATIONAL_ACTIVITY;
import static org.attendanceledger.catalogue.CodeCategory.AUTHORISED_ABSENCE;
import static org.attendanceledger.catalogue.CodeCategory.NOT_POSSIBLE;
import static org.attendanceledger.catalogue.CodeCategory.PRESENT;
import static org.attendanceledger.catalogue.CodeCategory.UNAUTHORISED_ABSENCE;

import java.time.LocalDate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeCatalogueTest {

    private static final LocalDate FIRST_DAY_OF_2024_CODES = LocalDate.of(2024, 8, 19);
    private static final LocalDate LAST_DAY_OF_2006_CODES = LocalDate.of(2024, 8, 18);
    private static final LocalDate A_2024_25_SESSION = LocalDate.of(2024, 10, 1);
    private static final LocalDate A_2023_24_SESSION = LocalDate.of(2024, 3, 12);

    private final CodeCatalogue catalogue = CodeCatalogue.national();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "/  | PRESENT",
            "\\ | PRESENT",
            "L  | PRESENT",
            "K  | APPROVED_EDUCATIONAL_ACTIVITY",
            "V  | APPROVED_EDUCATIONAL_ACTIVITY",
            "P  | APPROVED_EDUCATIONAL_ACTIVITY",
            "W  | APPROVED_EDUCATIONAL_ACTIVITY",
            "B  | APPROVED_EDUCATIONAL_ACTIVITY",
            "D  | NOT_POSSIBLE",
            "C1 | AUTHORISED_ABSENCE",
            "M  | AUTHORISED_ABSENCE",
            "J1 | AUTHORISED_ABSENCE",
            "S  | AUTHORISED_ABSENCE",
            "X  | NOT_POSSIBLE",
            "C2 | AUTHORISED_ABSENCE",
            "C  | AUTHORISED_ABSENCE",
            "T  | AUTHORISED_ABSENCE",
            "R  | AUTHORISED_ABSENCE",
            "I  | AUTHORISED_ABSENCE",
            "E  | AUTHORISED_ABSENCE",
            "Q  | NOT_POSSIBLE",
            "Y1 | NOT_POSSIBLE",
            "Y2 | NOT_POSSIBLE",
            "Y3 | NOT_POSSIBLE",
            "Y4 | NOT_POSSIBLE",
            "Y5 | NOT_POSSIBLE",
            "Y6 | NOT_POSSIBLE",
            "Y7 | NOT_POSSIBLE",
            "G  | UNAUTHORISED_ABSENCE",
            "N  | UNAUTHORISED_ABSENCE",
            "O  | UNAUTHORISED_ABSENCE",
            "U  | UNAUTHORISED_ABSENCE",
            "Z  | NOT_POSSIBLE",
            "#  | NOT_POSSIBLE"})
    void every_2024_code_has_the_category_of_the_national_table(String code, CodeCategory category) {
        assertThat(catalogue.categoryOf(code, A_2024_25_SESSION)).isEqualTo(category);
    }

    @Test
    void the_2024_set_is_exactly_the_34_codes_of_the_national_table() {
        assertThat(catalogue.codesIn(CodeSetVersion.REG24)).containsExactlyInAnyOrder(
                "/", "\\", "L", "K", "V", "P", "W", "B", "D", "C1", "M", "J1", "S", "X", "C2", "C", "T", "R", "I",
                "E", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "G", "N", "O", "U", "Z", "#");
    }

    @ParameterizedTest
    @CsvSource({"REG24, 2024-10-01", "REG06-2016, 2024-03-12", "REG06-2013, 2014-01-10", "REG06, 2010-05-04"})
    void exactly_g_n_o_and_u_count_towards_the_penalty_threshold(String versionId, LocalDate sessionDate) {
        CodeSetVersion version = CodeSetVersion.fromId(versionId).orElseThrow();

        assertThat(catalogue.codesIn(version).stream()
                .filter(code -> catalogue.lookup(code, sessionDate).orElseThrow().countsTowardsPenaltyThreshold())
                .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("G", "N", "O", "U");
    }

    @Test
    void legacy_j_counts_as_attendance_before_19_august_2024() {
        CodeCategory category = catalogue.categoryOf("J", A_2023_24_SESSION);

        assertThat(category).isEqualTo(APPROVED_EDUCATIONAL_ACTIVITY);
        assertThat(category.isAttendance()).isTrue();
    }

    @Test
    void its_successor_j1_is_authorised_absence_from_19_august_2024() {
        assertThat(catalogue.categoryOf("J1", FIRST_DAY_OF_2024_CODES)).isEqualTo(AUTHORISED_ABSENCE);
        assertThat(catalogue.check("J", FIRST_DAY_OF_2024_CODES))
                .isEqualTo(new CodeCheck.NotValidOnDate("J", CodeSetVersion.REG24));
    }

    @Test
    void h_is_valid_on_18_august_2024_but_rejected_on_19_august_2024() {
        assertThat(catalogue.check("H", LAST_DAY_OF_2006_CODES)).isInstanceOfSatisfying(CodeCheck.Valid.class, valid -> {
            assertThat(valid.code().category()).isEqualTo(AUTHORISED_ABSENCE);
            assertThat(valid.version()).isEqualTo(CodeSetVersion.REG06_2016);
        });
        assertThat(catalogue.check("H", FIRST_DAY_OF_2024_CODES))
                .isEqualTo(new CodeCheck.NotValidOnDate("H", CodeSetVersion.REG24));
    }

    @Test
    void f_is_valid_on_31_august_2013_but_not_on_2_september_2013() {
        assertThat(catalogue.categoryOf("F", LocalDate.of(2013, 8, 31))).isEqualTo(AUTHORISED_ABSENCE);
        assertThat(catalogue.check("F", LocalDate.of(2013, 9, 2)))
                .isEqualTo(new CodeCheck.NotValidOnDate("F", CodeSetVersion.REG06_2013));
    }

    @ParameterizedTest
    @ValueSource(strings = {"K", "C1", "C2", "J1", "Q", "Y1", "Y7"})
    void codes_introduced_in_2024_are_rejected_on_18_august_2024(String code) {
        assertThat(catalogue.check(code, LAST_DAY_OF_2006_CODES))
                .isEqualTo(new CodeCheck.NotValidOnDate(code, CodeSetVersion.REG06_2016));
        assertThat(catalogue.check(code, FIRST_DAY_OF_2024_CODES).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H", "J", "Y", "F"})
    void retired_codes_are_rejected_from_19_august_2024(String code) {
        assertThat(catalogue.check(code, FIRST_DAY_OF_2024_CODES)).isInstanceOf(CodeCheck.NotValidOnDate.class);
        assertThat(catalogue.lookup(code, FIRST_DAY_OF_2024_CODES)).isEmpty();
        assertThat(catalogue.isKnown(code)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is not a code")
    @ValueSource(strings = {"A", "-", "y1", "l", "Y8", "", " /"})
    void strings_that_are_not_a_code_in_any_set_are_unknown(String notACode) {
        assertThat(catalogue.check(notACode, A_2024_25_SESSION)).isEqualTo(new CodeCheck.UnknownCode(notACode));
        assertThat(catalogue.check(notACode, A_2023_24_SESSION)).isEqualTo(new CodeCheck.UnknownCode(notACode));
        assertThat(catalogue.isKnown(notACode)).isFalse();
    }

    @Test
    void codes_are_case_sensitive() {
        assertThat(catalogue.check("Y1", A_2024_25_SESSION).isValid()).isTrue();
        assertThat(catalogue.check("y1", A_2024_25_SESSION)).isEqualTo(new CodeCheck.UnknownCode("y1"));
    }

    @ParameterizedTest(name = "{0} was {1} before 2024")
    @CsvSource(delimiter = '|', value = {
            "/  | PRESENT",
            "\\ | PRESENT",
            "L  | PRESENT",
            "B  | APPROVED_EDUCATIONAL_ACTIVITY",
            "J  | APPROVED_EDUCATIONAL_ACTIVITY",
            "P  | APPROVED_EDUCATIONAL_ACTIVITY",
            "V  | APPROVED_EDUCATIONAL_ACTIVITY",
            "W  | APPROVED_EDUCATIONAL_ACTIVITY",
            "C  | AUTHORISED_ABSENCE",
            "E  | AUTHORISED_ABSENCE",
            "H  | AUTHORISED_ABSENCE",
            "I  | AUTHORISED_ABSENCE",
            "M  | AUTHORISED_ABSENCE",
            "R  | AUTHORISED_ABSENCE",
            "S  | AUTHORISED_ABSENCE",
            "T  | AUTHORISED_ABSENCE",
            "G  | UNAUTHORISED_ABSENCE",
            "N  | UNAUTHORISED_ABSENCE",
            "O  | UNAUTHORISED_ABSENCE",
            "U  | UNAUTHORISED_ABSENCE",
            "D  | NOT_POSSIBLE",
            "X  | NOT_POSSIBLE",
            "Y  | NOT_POSSIBLE",
            "Z  | NOT_POSSIBLE",
            "#  | NOT_POSSIBLE"})
    void every_2006_era_code_keeps_its_historical_category(String code, CodeCategory category) {
        assertThat(catalogue.categoryOf(code, A_2023_24_SESSION)).isEqualTo(category);
    }

    @Test
    void the_2013_and_2016_sets_are_the_2006_set_without_f() {
        assertThat(catalogue.codesIn(CodeSetVersion.REG06)).contains("F").hasSize(26);
        assertThat(catalogue.codesIn(CodeSetVersion.REG06_2013))
                .containsExactlyInAnyOrderElementsOf(catalogue.codesIn(CodeSetVersion.REG06_2016))
                .doesNotContain("F")
                .hasSize(25);
    }

    @Test
    void a_session_before_2006_is_checked_against_the_2006_set() {
        assertThat(catalogue.check("F", LocalDate.of(2004, 3, 1)))
                .isInstanceOfSatisfying(CodeCheck.Valid.class, valid -> assertThat(valid.version()).isEqualTo(CodeSetVersion.REG06));
    }

    @Test
    void the_category_of_a_code_not_valid_on_the_date_cannot_be_asked_for() {
        assertThatThrownBy(() -> catalogue.categoryOf("H", FIRST_DAY_OF_2024_CODES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid on 2024-08-19");
        assertThatThrownBy(() -> catalogue.categoryOf("A", FIRST_DAY_OF_2024_CODES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown");
    }

    @Test
    void a_valid_code_carries_its_meaning() {
        assertThat(catalogue.lookup("Y4", A_2024_25_SESSION)).hasValueSatisfying(code -> {
            assertThat(code.code()).isEqualTo("Y4");
            assertThat(code.meaning()).containsIgnoringCase("unexpectedly closed");
            assertThat(code.category()).isEqualTo(NOT_POSSIBLE);
            assertThat(code.countsTowardsPenaltyThreshold()).isFalse();
        });
    }

    @Test
    void the_national_catalogue_is_a_single_instance() {
        assertThat(CodeCatalogue.national()).isSameAs(catalogue);
    }

    @Test
    void category_flags_follow_the_statistical_definitions() {
        assertThat(PRESENT.isPossible()).isTrue();
        assertThat(PRESENT.isAttendance()).isTrue();
        assertThat(PRESENT.isAbsence()).isFalse();
        assertThat(APPROVED_EDUCATIONAL_ACTIVITY.isAttendance()).isTrue();
        assertThat(AUTHORISED_ABSENCE.isAbsence()).isTrue();
        assertThat(AUTHORISED_ABSENCE.isAttendance()).isFalse();
        assertThat(UNAUTHORISED_ABSENCE.isAbsence()).isTrue();
        assertThat(UNAUTHORISED_ABSENCE.isPossible()).isTrue();
        assertThat(NOT_POSSIBLE.isPossible()).isFalse();
        assertThat(NOT_POSSIBLE.isAttendance()).isFalse();
        assertThat(NOT_POSSIBLE.isAbsence()).isFalse();
    }
}
