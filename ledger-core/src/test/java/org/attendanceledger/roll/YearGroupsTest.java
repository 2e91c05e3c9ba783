package org.attendanceledger.roll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Month;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.attendanceledger.calendar.AcademicYear;
import org.junit.jupiter.api.Test;

class YearGroupsTest {

    private static final LocalDate ADMITTED = LocalDate.of(2024, 9, 4);

    @Test
    void the_admission_year_group_holds_until_the_next_1_september_and_then_moves_up() {
        assertThat(YearGroups.onDate("6", ADMITTED, Map.of(), LocalDate.of(2025, 7, 22))).isEqualTo("6");
        assertThat(YearGroups.onDate("6", ADMITTED, Map.of(), LocalDate.of(2025, 8, 31))).isEqualTo("6");
        assertThat(YearGroups.onDate("6", ADMITTED, Map.of(), LocalDate.of(2025, 9, 1))).isEqualTo("7");
        assertThat(YearGroups.onDate("R", ADMITTED, Map.of(), LocalDate.of(2026, 9, 3))).isEqualTo("2");
        assertThat(YearGroups.onDate("N2", ADMITTED, Map.of(), LocalDate.of(2025, 9, 3))).isEqualTo("R");
    }

    @Test
    void a_starting_day_of_1_september_is_in_that_academic_year_not_a_move_up() {
        LocalDate firstOfSeptember = LocalDate.of(2024, 9, 1);
        assertThat(YearGroups.onDate("7", firstOfSeptember, Map.of(), firstOfSeptember)).isEqualTo("7");
        assertThat(YearGroups.onDate("7", firstOfSeptember, Map.of(), LocalDate.of(2025, 8, 31))).isEqualTo("7");
    }

    @Test
    void a_pupil_kept_on_after_year_13_stays_in_13() {
        assertThat(YearGroups.onDate("12", ADMITTED, Map.of(), LocalDate.of(2026, 9, 3))).isEqualTo("13");
        assertThat(YearGroups.onDate("13", ADMITTED, Map.of(), LocalDate.of(2025, 9, 3))).isEqualTo("13");
    }

    @Test
    void an_exception_replaces_the_year_group_for_its_academic_year_only() {
        Map<AcademicYear, String> keptBack = Map.of(AcademicYear.parse("2025-26"), "6");
        assertThat(YearGroups.onDate("6", ADMITTED, keptBack, LocalDate.of(2025, 9, 3))).isEqualTo("6");
        assertThat(YearGroups.onDate("6", ADMITTED, keptBack, LocalDate.of(2026, 8, 31))).isEqualTo("6");
        // The rule still counts Septembers from the starting day: the exception is not a new admission.
        assertThat(YearGroups.onDate("6", ADMITTED, keptBack, LocalDate.of(2026, 9, 1))).isEqualTo("8");
    }

    @Test
    void an_unknown_or_off_ladder_year_group_never_moves() {
        assertThat(YearGroups.onDate(null, ADMITTED, Map.of(), LocalDate.of(2025, 9, 3))).isNull();
        assertThat(YearGroups.onDate("Year 7", ADMITTED, Map.of(), LocalDate.of(2025, 9, 3))).isEqualTo("Year 7");
        assertThat(YearGroups.isOnLadder("Year 7")).isFalse();
        assertThat(YearGroups.isOnLadder("R")).isTrue();
    }

    /** The function agrees with walking the calendar one day at a time and climbing a rung on every 1 September. */
    @Property
    void the_year_group_on_a_date_is_the_admission_one_moved_up_once_per_1_september(
            @ForAll("ladder") String admitted, @ForAll("days") LocalDate startingDay,
            @ForAll @IntRange(min = -800, max = 2500) int daysFromStart, @ForAll("exceptions") Map<Integer, String> raw) {
        LocalDate date = startingDay.plusDays(daysFromStart);
        Map<AcademicYear, String> exceptions = new HashMap<>();
        raw.forEach((startYear, yearGroup) -> exceptions.put(new AcademicYear(startYear), yearGroup));

        assertThat(YearGroups.onDate(admitted, startingDay, exceptions, date))
                .isEqualTo(oracle(admitted, startingDay, exceptions, date));
    }

    private static String oracle(String admitted, LocalDate startingDay, Map<AcademicYear, String> exceptions,
                                 LocalDate date) {
        for (Map.Entry<AcademicYear, String> exception : exceptions.entrySet()) {
            LocalDate first = LocalDate.of(exception.getKey().startYear(), Month.SEPTEMBER, 1);
            if (!date.isBefore(first) && date.isBefore(first.plusYears(1))) {
                return exception.getValue();
            }
        }
        int rung = YearGroups.LADDER.indexOf(admitted);
        int step = date.isBefore(startingDay) ? -1 : 1;
        // Walk from the starting day to the date; every 1 September crossed (forwards, or backwards) is one rung.
        for (LocalDate day = startingDay; !day.equals(date); day = day.plusDays(step)) {
            LocalDate next = day.plusDays(step);
            LocalDate september = step > 0 ? next : day;
            if (september.getMonth() == Month.SEPTEMBER && september.getDayOfMonth() == 1) {
                rung = Math.max(0, Math.min(YearGroups.LADDER.size() - 1, rung + step));
            }
        }
        return YearGroups.LADDER.get(rung);
    }

    @Provide
    Arbitrary<String> ladder() {
        return Arbitraries.of(YearGroups.LADDER);
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers().between(0, 3 * 366).map(n -> LocalDate.of(2023, 6, 1).plusDays(n));
    }

    @Provide
    Arbitrary<Map<Integer, String>> exceptions() {
        return Arbitraries.maps(Arbitraries.integers().between(2021, 2031), Arbitraries.of(YearGroups.LADDER))
                .ofMaxSize(3);
    }
}
