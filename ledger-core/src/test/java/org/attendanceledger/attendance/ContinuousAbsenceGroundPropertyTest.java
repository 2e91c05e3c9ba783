package org.attendanceledger.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.attendanceledger.attendance.ContinuousAbsenceGround.Assessment;
import org.attendanceledger.attendance.ContinuousAbsenceGround.BrokenAt;
import org.attendanceledger.attendance.ContinuousAbsenceGround.Met;
import org.attendanceledger.attendance.ContinuousAbsenceGround.TooFewSchoolDays;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.ReferenceCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.SessionSlot;

/** Ground (i) against a brute-force oracle that walks the calendar back one day at a time. */
class ContinuousAbsenceGroundPropertyTest {

    private static final String[] CODES = {"O", "O", "O", "G", "N", "N", "I", "/", null};

    /** Every kind of answer must come up, or the property would prove little. */
    @Property(tries = 300)
    @StatisticsReport(onFailureOnly = true)
    void the_assessment_agrees_with_walking_back_day_by_day(
            @ForAll @IntRange(min = 0, max = 300) int startOffset, @ForAll @IntRange(min = -1, max = 120) int length,
            @ForAll @IntRange(min = 0, max = 400) int breakEvery, @ForAll long seed,
            @ForAll("yearGroups") String yearGroup) {
        LocalDate start = LocalDate.of(2024, 9, 2).plusDays(startOffset);
        LocalDate last = start.plusDays(length);
        // A year-7 trip on two days inside the usual window: not school days for year 7.
        SchoolTimeline timeline = new SchoolTimeline(List.of(ReferenceCalendar.exampleSchool2024To25(List.of(
                new Closure(LocalDate.of(2025, 3, 5), SessionScope.BOTH, "trip", Set.of("7")),
                new Closure(LocalDate.of(2024, 11, 13), SessionScope.PM, "trip", Set.of("7")))),
                ReferenceCalendar.exampleSchool2025To26()));
        RollStay stay = new RollStay(start, last, yearGroup);
        Random random = new Random(seed);
        Map<SessionSlot, String> codes = new HashMap<>();
        for (LocalDate day = start; !day.isAfter(last); day = day.plusDays(1)) {
            for (Session session : Session.values()) {
                String code = breakEvery > 0 && random.nextInt(breakEvery) == 0
                        ? CODES[random.nextInt(CODES.length)] : "O";
                if (code != null) {
                    codes.put(new SessionSlot(day, session), code);
                }
            }
        }

        Assessment assessed = ContinuousAbsenceGround.assess(new PupilSchedule(timeline, List.of(stay)), last, codes);

        assertThat(assessed).isEqualTo(oracle(timeline, stay, last, codes));
        Statistics.collect(assessed.getClass().getSimpleName());
        Statistics.coverage(coverage -> {
            coverage.check("Met").count(count -> count >= 10);
            coverage.check("BrokenAt").count(count -> count >= 10);
            coverage.check("TooFewSchoolDays").count(count -> count >= 10);
        });
    }

    @Provide
    Arbitrary<String> yearGroups() {
        return Arbitraries.of("7", "8");
    }

    private static Assessment oracle(SchoolTimeline timeline, RollStay stay, LocalDate last,
                                     Map<SessionSlot, String> codes) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = last; !day.isBefore(stay.startingDay()) && days.size() < 20; day = day.minusDays(1)) {
            if (timeline.isPupilSession(day, Session.AM, stay.yearGroup())
                    || timeline.isPupilSession(day, Session.PM, stay.yearGroup())) {
                days.add(0, day);
            }
        }
        for (LocalDate day : days) {
            for (Session session : Session.values()) {
                if (timeline.isPupilSession(day, session, stay.yearGroup())) {
                    String code = codes.get(new SessionSlot(day, session));
                    if (code == null || !Set.of("G", "N", "O").contains(code)) {
                        return new BrokenAt(new SessionSlot(day, session), code);
                    }
                }
            }
        }
        return days.size() < 20 ? new TooFewSchoolDays(days.size()) : new Met(days.get(0));
    }
}
