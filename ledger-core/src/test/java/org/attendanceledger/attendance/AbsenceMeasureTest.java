package org.attendanceledger.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AbsenceMeasureTest {

    @ParameterizedTest(name = "{0} absent of {1} possible: persistent {2}, severe {3}")
    @CsvSource({
            "38,  380, true,  false",
            "37,  380, false, false",
            "190, 380, true,  true",
            "189, 380, true,  false",
            "1,   6,   true,  false",
            "0,   0,   false, false",
            "3,   0,   false, false",
            "1,   10,  true,  false",
            "5,   10,  true,  true"})
    void the_measures_compare_integers_against_the_pupils_own_possible_sessions(int absent, int possible,
                                                                             boolean persistent, boolean severe) {
        assertThat(AbsenceMeasure.PERSISTENT.isMetBy(absent, possible)).isEqualTo(persistent);
        assertThat(AbsenceMeasure.SEVERE.isMetBy(absent, possible)).isEqualTo(severe);
    }

    @ParameterizedTest(name = "{0} of {1} is {2}%")
    @CsvSource({
            "14, 136, 10.29",
            "1,  6,   16.67",
            "37, 380, 9.74",
            "38, 380, 10.00",
            "1,  8,   12.50"})
    void percentages_are_rounded_half_up_to_two_places_for_display(int part, int whole, String percent) {
        assertThat(Percentages.percent(part, whole)).isEqualByComparingTo(percent);
        assertThat(Percentages.percent(part, whole).scale()).isEqualTo(2);
    }
}
