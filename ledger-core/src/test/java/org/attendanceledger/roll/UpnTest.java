package org.attendanceledger.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpnTest {

    /*
     * Worked by hand: characters 2-13 of "T201201012345" weighted by 2..13 are
     *   2*2 + 0*3 + 1*4 + 2*5 + 0*6 + 1*7 + 0*8 + 1*9 + 2*10 + 3*11 + 4*12 + 5*13
     *   = 4 + 0 + 4 + 10 + 0 + 7 + 0 + 9 + 20 + 33 + 48 + 65 = 200,
     * 200 mod 23 = 16, and index 16 of ABCDEFGHJKLMNPQRTUVWXYZ is T.
     */
    private static final String PERMANENT_UPN = "T201201012345";

    /*
     * The same digits with A (index 0) in position 13: 200 - 65 + 13*0 = 135,
     * 135 mod 23 = 20, and index 20 is X.
     */
    private static final String TEMPORARY_UPN = "X20120101234A";

    @Test
    void a_permanent_upn_with_the_right_check_letter_is_valid() {
        assertThat(Upn.isValid(PERMANENT_UPN)).isTrue();
        assertThat(Upn.of(PERMANENT_UPN).value()).isEqualTo(PERMANENT_UPN);
        assertThat(Upn.of(PERMANENT_UPN).isTemporary()).isFalse();
    }

    @Test
    void the_check_letter_is_computed_from_the_last_twelve_characters() {
        assertThat(Upn.checkLetterFor("201201012345")).isEqualTo('T');
        assertThat(Upn.withCheckLetter("201201012345")).isEqualTo(Upn.of(PERMANENT_UPN));
    }

    @Test
    void a_wrong_check_letter_is_rejected_with_a_clear_message() {
        assertThat(Upn.isValid("A201201012345")).isFalse();
        assertThatThrownBy(() -> Upn.of("A201201012345"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid UPN: check letter does not match characters 2-13");
    }

    @Test
    void a_temporary_upn_ending_in_a_letter_is_valid() {
        assertThat(Upn.checkLetterFor("20120101234A")).isEqualTo('X');
        assertThat(Upn.isValid(TEMPORARY_UPN)).isTrue();
        assertThat(Upn.of(TEMPORARY_UPN).isTemporary()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"20120101234I", "20120101234O", "20120101234S"})
    void a_final_letter_outside_the_check_alphabet_is_rejected(String last12) {
        assertThatThrownBy(() -> Upn.checkLetterFor(last12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character 13");
    }

    @ParameterizedTest
    @ValueSource(strings = {"T20120101234", "T2012010123456", ""})
    void a_upn_of_the_wrong_length_is_rejected(String wrongLength) {
        assertThat(Upn.isValid(wrongLength)).isFalse();
        assertThatThrownBy(() -> Upn.of(wrongLength))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must have 13 characters, not " + wrongLength.length());
    }

    @Test
    void a_lower_case_upn_is_rejected_rather_than_normalised() {
        assertThat(Upn.isValid("t201201012345")).isFalse();
        assertThat(Upn.isValid("x20120101234a")).isFalse();
    }

    @Test
    void a_letter_among_the_eleven_digits_is_rejected() {
        String last12 = "2012010A2345";

        assertThatThrownBy(() -> Upn.withCheckLetter(last12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("characters 2-12 must be digits");
    }

    @Test
    void a_missing_upn_is_invalid() {
        assertThat(Upn.isValid(null)).isFalse();
        assertThatThrownBy(() -> Upn.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_error_message_does_not_echo_the_pupil_number() {
        assertThatThrownBy(() -> Upn.of("A201201012345")).message().doesNotContain("201201012345");
    }

    @Test
    void every_generated_upn_is_valid() {
        for (int serial = 0; serial < 1000; serial++) {
            String last12 = String.format("%012d", serial * 7919L);
            assertThat(Upn.isValid(Upn.withCheckLetter(last12).value())).as(last12).isTrue();
        }
    }
}
