package org.attendanceledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attendanceledger.bench.MarkGenerator.Mark;
import org.attendanceledger.bench.Population.Pupil;
import org.attendanceledger.bench.Population.School;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.roll.Upn;
import org.junit.jupiter.api.Test;

class MarkGeneratorTest {

    private static final PopulationPlan PLAN = new PopulationPlan(7L, 6, 200, "201", 0.5);

    @Test
    void the_same_seed_generates_the_same_population_and_marks() {
        Population first = Population.generate(PLAN);
        Population second = Population.generate(PLAN);
        SessionSlot slot = BenchCalendar.sessions().get(17);

        assertThat(first.schools()).isEqualTo(second.schools());
        assertThat(new MarkGenerator(7L).batch(first.schools().get(2), 3, slot))
                .isEqualTo(new MarkGenerator(7L).batch(second.schools().get(2), 3, slot));
        assertThat(new MarkGenerator(8L).batch(first.schools().get(2), 3, slot))
                .isNotEqualTo(new MarkGenerator(7L).batch(first.schools().get(2), 3, slot));
    }

    @Test
    void every_pupil_has_a_valid_and_unique_upn() {
        Population population = Population.generate(PLAN);
        List<String> upns = population.schools().stream().flatMap(s -> s.pupils().stream()).map(Pupil::upn).toList();

        assertThat(upns).hasSize(1200).doesNotHaveDuplicates().allMatch(Upn::isValid);
    }

    @Test
    void the_reference_year_has_380_sessions_and_registers_are_class_sized() {
        School school = Population.generate(PLAN).schools().get(0);

        assertThat(BenchCalendar.sessions()).hasSize(380);
        assertThat(school.classes()).isEqualTo(7);
        assertThat(new MarkGenerator(7L).batch(school, 0, BenchCalendar.sessions().get(0)).marks()).hasSize(30);
        assertThat(new MarkGenerator(7L).batch(school, 6, BenchCalendar.sessions().get(0)).marks()).hasSize(20);
    }

    @Test
    void marks_follow_national_frequencies_with_a_tail_of_persistent_and_severe_absentees() {
        Population population = Population.generate(PLAN);
        MarkGenerator generator = new MarkGenerator(7L);
        Map<CodeCategory, Integer> byCategory = new HashMap<>();
        Map<String, Integer> byCode = new HashMap<>();
        int total = 0;
        int persistent = 0;
        int severe = 0;
        int primaryPresent = 0;
        int primaryTotal = 0;
        for (School school : population.schools()) {
            for (Pupil pupil : school.pupils()) {
                int absent = 0;
                for (SessionSlot slot : BenchCalendar.sessions()) {
                    Mark mark = generator.mark(pupil, slot);
                    CodeCategory category = CodeCatalogue.national().categoryOf(mark.code(), mark.date());
                    assertThat(CodeCatalogue.national().check(mark.code(), mark.date()).isValid()).isTrue();
                    byCategory.merge(category, 1, Integer::sum);
                    byCode.merge(mark.code(), 1, Integer::sum);
                    absent += category.isAbsence() ? 1 : 0;
                    if (school.phase() == Population.Phase.PRIMARY) {
                        primaryTotal++;
                        primaryPresent += category.isAttendance() ? 1 : 0;
                    }
                    total++;
                }
                persistent += absent * 10 >= 380 ? 1 : 0;
                severe += absent * 2 >= 380 ? 1 : 0;
            }
        }

        double illness = byCode.get("I") / (double) total;
        double unauthorised = byCategory.get(CodeCategory.UNAUTHORISED_ABSENCE) / (double) total;
        assertThat(primaryPresent / (double) primaryTotal).isCloseTo(0.94, within(0.015));
        assertThat(illness).isCloseTo(0.035, within(0.012));
        assertThat(unauthorised).isCloseTo(0.025, within(0.01));
        assertThat(persistent / 1200.0).isBetween(0.12, 0.30);
        assertThat(severe).isPositive();
        assertThat(byCode.keySet()).contains("L", "G", "N", "O", "U").containsAnyElementsOf(Set.of("M", "C"));
    }
}
