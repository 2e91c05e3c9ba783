package org.attendanceledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TextLimitsTest {

    @Test
    void a_name_of_200_characters_is_accepted_and_one_of_201_is_refused() {
        assertThat(TextLimits.problem("name", "a".repeat(200))).isEmpty();
        assertThat(TextLimits.problem("name", "a".repeat(201))).contains("must be at most 200 characters, not 201");
    }

    @Test
    void each_field_has_its_own_limit_and_unnamed_fields_the_default() {
        assertThat(TextLimits.maxLength("reason")).isEqualTo(2000);
        assertThat(TextLimits.maxLength("staffId")).isEqualTo(100);
        assertThat(TextLimits.maxLength("yearGroup")).isEqualTo(20);
        assertThat(TextLimits.maxLength("policyVersion")).isEqualTo(50);
        assertThat(TextLimits.maxLength("role")).isEqualTo(TextLimits.DEFAULT_MAX_LENGTH);
    }

    @Test
    void nul_and_lone_surrogates_are_refused_but_a_surrogate_pair_is_a_character() {
        assertThat(TextLimits.problem("name", "Ann\0Head")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(TextLimits.problem("name", "Ann\uD800Head")).hasValueSatisfying(
                p -> assertThat(p).contains("lone surrogate"));
        assertThat(TextLimits.problem("name", "Ann\uDC00")).hasValueSatisfying(
                p -> assertThat(p).contains("lone surrogate"));
        assertThat(TextLimits.problem("name", "Ann \uD83D\uDE00 Head")).isEmpty();
    }

    @Test
    void dates_outside_1990_to_2100_are_refused() {
        assertThat(TextLimits.problem(LocalDate.of(1990, 1, 1))).isEmpty();
        assertThat(TextLimits.problem(LocalDate.of(2100, 12, 31))).isEmpty();
        assertThat(TextLimits.problem(LocalDate.of(1989, 12, 31))).isPresent();
        assertThat(TextLimits.problem(LocalDate.of(2101, 1, 1))).isPresent();
    }
}
