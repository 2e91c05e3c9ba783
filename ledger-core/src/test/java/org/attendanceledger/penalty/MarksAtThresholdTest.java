package org.attendanceledger.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.attendance.Marks.allDay;
import static org.attendanceledger.attendance.Marks.concat;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchoolTimeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.RollStay;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.penalty.PenaltyThresholdRule.MarkAtThreshold;
import org.junit.jupiter.api.Test;

/**
 * The LA queue is read from the marks at the threshold that the projection stores; these tests hold that reading to
 * the rule's own assessment from all the marks.
 */
class MarksAtThresholdTest {

    private static final LocalDate FROM = LocalDate.of(2024, 9, 1);
    private static final LocalDate TO = LocalDate.of(2025, 10, 24);

    private final PenaltyThresholdRule national = PenaltyThresholdRule.national();
    private final PupilSchedule pupil = new PupilSchedule(exampleSchoolTimeline(),
            List.of(new RollStay(LocalDate.of(2024, 9, 4), null, null)));

    @Test
    void the_tenth_counted_mark_of_a_window_is_a_breach_carrying_its_window_and_the_ten_marks_as_evidence() {
        List<SessionMark> marks = concat(allDay("G", "2024-10-03", "2024-10-04"), allDay("I", "2024-10-07"),
                allDay("U", "2024-11-25", "2024-11-26", "2024-11-27", "2024-11-28"));

        List<MarkAtThreshold> atThreshold = national.marksAtThreshold(pupil, marks);

        assertThat(atThreshold).extracting(MarkAtThreshold::count).containsExactly(10, 11, 12);
        MarkAtThreshold breach = atThreshold.get(0);
        assertThat(breach.slot()).isEqualTo(new SessionSlot(LocalDate.of(2024, 11, 27), Session.PM));
        assertThat(breach.window()).isEqualTo(new ThresholdWindow(LocalDate.of(2024, 9, 16),
                LocalDate.of(2024, 11, 25)));
        assertThat(breach.sessions()).hasSize(10).endsWith(breach.mark());
        assertThat(atThreshold.get(1).sessions()).as("only a breach carries evidence").isEmpty();
    }

    @Test
    void for_random_registers_and_periods_the_marks_at_the_threshold_give_the_rules_own_assessment() {
        Random random = new Random(20241127L);
        List<SessionSlot> sessions = exampleSchoolTimeline().schoolSessions(FROM, TO);
        int decidedFromStoredMarks = 0;
        int decidedFromAllMarks = 0;
        int leftOut = 0;
        for (int pupilNumber = 0; pupilNumber < 400; pupilNumber++) {
            double rate = 0.02 + random.nextDouble() * 0.12;
            List<SessionMark> marks = new ArrayList<>();
            for (SessionSlot slot : sessions) {
                if (random.nextDouble() < rate) {
                    marks.add(new SessionMark(slot.date(), slot.session(), random.nextBoolean() ? "O" : "G"));
                }
            }
            List<MarkAtThreshold> atThreshold = national.marksAtThreshold(pupil, marks);
            for (int period = 0; period < 5; period++) {
                LocalDate from = sessions.get(random.nextInt(sessions.size())).date()
                        .minusDays(random.nextInt(3));
                LocalDate to = from.plusDays(random.nextInt(200));
                ThresholdAssessment expected = national.assess(pupil, marks, from, to);
                String as = "pupil " + pupilNumber + ", " + from + " to " + to;
                // The decisive marks alone, cut at a first session up to a month later (another school's), as the LA
                // queue reads them, give the same answers.
                List<MarkAtThreshold> decisive = decisive(atThreshold, from, to,
                        pupil.timeline().firstSchoolSession(from, to).map(SessionSlot::date).orElse(from)
                                .plusDays(random.nextInt(30)));
                if (national.mayBeMetAtFirstSession(pupil.timeline(), atThreshold, from, to)) {
                    decidedFromAllMarks++;
                    assertThat(national.mayBeMetAtFirstSession(pupil.timeline(), decisive, from, to)).as(as).isTrue();
                    continue;
                }
                decidedFromStoredMarks++;
                Optional<ThresholdAssessment> stored =
                        national.metAfterFirstSession(pupil.timeline(), atThreshold, from, to);
                assertThat(stored.isPresent()).as(as).isEqualTo(expected.met());
                stored.ifPresent(assessment -> assertThat(assessment).as(as).isEqualTo(expected));
                leftOut += atThreshold.size() - decisive.size();
                assertThat(national.mayBeMetAtFirstSession(pupil.timeline(), decisive, from, to)).as(as).isFalse();
                assertThat(national.metAfterFirstSession(pupil.timeline(), decisive, from, to)).as(as)
                        .isEqualTo(stored);
            }
        }
        // Both branches must have been exercised, or the comparison above proves little.
        assertThat(decidedFromStoredMarks).isGreaterThan(1000);
        assertThat(decidedFromAllMarks).isGreaterThan(50);
        assertThat(leftOut).as("marks the decisive subset leaves out").isGreaterThan(1000);
    }

    /**
     * The rows the LA queue reads (PenaltyThresholdQuery), from the earliest counted date: every breach, the other rows
     * up to the cut, and, for a pupil with a breach, one of the other rows after the cut with the highest count.
     */
    private List<MarkAtThreshold> decisive(List<MarkAtThreshold> atThreshold, LocalDate from, LocalDate to,
                                           LocalDate cut) {
        LocalDate earliest = national.earliestCountedDate(pupil.timeline(), from);
        List<MarkAtThreshold> read = atThreshold.stream().filter(mark -> !mark.mark().date().isBefore(earliest)
                && !mark.mark().date().isAfter(to)).toList();
        List<MarkAtThreshold> rows = new ArrayList<>(read.stream().filter(mark -> isBreach(mark)
                || !mark.mark().date().isAfter(cut)).toList());
        if (read.stream().anyMatch(this::isBreach)) {
            read.stream().filter(mark -> !isBreach(mark) && mark.mark().date().isAfter(cut))
                    .max(Comparator.comparingInt(MarkAtThreshold::count)).ifPresent(rows::add);
        }
        rows.sort(Comparator.comparing(MarkAtThreshold::slot));
        return rows;
    }

    private boolean isBreach(MarkAtThreshold mark) {
        return mark.count() == national.sessionsToMeet();
    }

    @Test
    void a_period_that_starts_while_the_count_is_at_the_threshold_is_left_to_the_marks() {
        List<SessionMark> marks = allDay("G", "2024-11-25", "2024-11-26", "2024-11-27", "2024-11-28",
                "2024-11-29");

        List<MarkAtThreshold> atThreshold = national.marksAtThreshold(pupil, marks);

        assertThat(national.mayBeMetAtFirstSession(pupil.timeline(), atThreshold, LocalDate.of(2024, 12, 2),
                LocalDate.of(2024, 12, 20))).isTrue();
        assertThat(national.mayBeMetAtFirstSession(pupil.timeline(), atThreshold, LocalDate.of(2024, 11, 1),
                LocalDate.of(2024, 12, 20))).isFalse();
    }
}
