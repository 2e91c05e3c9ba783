package org.attendanceledger.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.penalty.ThresholdAssessment;

/**
 * The calendar and counting rules against brute-force oracles written here from the rules' own words, on random
 * calendars of two school years (terms, holidays, whole- and half-day closures), random stays on roll and random
 * registers with blanks. The oracles walk every date; the production code uses indexes and shortcuts.
 */
class CountingRulesProperties {

    private static final AcademicYear FIRST = AcademicYear.parse("2024-25");
    private static final AcademicYear SECOND = AcademicYear.parse("2025-26");
    /** Codes of every category; G, N, O and U often enough for the threshold to be met and missed. */
    private static final List<String> CODES = List.of("/", "\\", "L", "V", "K", "I", "M", "C", "E", "G", "N", "O", "U",
            "G", "N", "O", "U", "X", "D", "Y1", "Q");

    /** A school's two calendars, one pupil's stay and register, drawn from a seed. */
    record Scenario(List<SchoolCalendar> calendars, RollStay stay, Map<SessionSlot, String> register,
                    LocalDate from, LocalDate to) {

        SchoolTimeline timeline() {
            return new SchoolTimeline(calendars);
        }

        PupilSchedule schedule() {
            return new PupilSchedule(timeline(), List.of(stay));
        }

        List<SessionMark> marks() {
            List<SessionMark> marks = new ArrayList<>();
            register.forEach((slot, code) -> marks.add(new SessionMark(slot.date(), slot.session(), code)));
            return marks;
        }

        /** Oracle: the school meets for a session on a weekday inside a term that no closure of that session hits. */
        boolean schoolMeets(LocalDate date, Session session) {
            if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return false;
            }
            for (SchoolCalendar calendar : calendars) {
                boolean inTerm = calendar.terms().stream()
                        .anyMatch(term -> !date.isBefore(term.start()) && !date.isAfter(term.end()));
                boolean closed = calendar.closures().stream()
                        .anyMatch(closure -> closure.date().equals(date) && closure.session().covers(session));
                if (inTerm && !closed) {
                    return true;
                }
            }
            return false;
        }

        boolean scheduled(LocalDate date, Session session) {
            boolean onRoll = !date.isBefore(stay.startingDay())
                    && (stay.lastDayOnRoll() == null || !date.isAfter(stay.lastDayOnRoll()));
            return onRoll && schoolMeets(date, session);
        }

        List<LocalDate> everyDate() {
            List<LocalDate> dates = new ArrayList<>();
            for (LocalDate day = FIRST.firstDay(); !day.isAfter(SECOND.lastDay()); day = day.plusDays(1)) {
                dates.add(day);
            }
            return dates;
        }

        List<SessionSlot> schoolSessions() {
            List<SessionSlot> slots = new ArrayList<>();
            for (LocalDate day : everyDate()) {
                for (Session session : Session.values()) {
                    if (schoolMeets(day, session)) {
                        slots.add(new SessionSlot(day, session));
                    }
                }
            }
            return slots;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.longs().map(CountingRulesProperties::draw);
    }

    static Scenario draw(long seed) {
        Random random = new Random(seed);
        List<SchoolCalendar> calendars = List.of(calendar(FIRST, random), calendar(SECOND, random));
        LocalDate start = FIRST.firstDay().plusDays(random.nextInt(200));
        LocalDate last = random.nextBoolean() ? null : start.plusDays(random.nextInt(500));
        RollStay stay = new RollStay(start, last, null);
        Scenario bare = new Scenario(calendars, stay, Map.of(), FIRST.firstDay(), SECOND.lastDay());
        Map<SessionSlot, String> register = new HashMap<>();
        for (LocalDate day : bare.everyDate()) {
            for (Session session : Session.values()) {
                boolean scheduled = bare.scheduled(day, session);
                // A register with blanks, and now and then a mark the schedule no longer has (a later closure).
                if ((scheduled && random.nextInt(5) > 0) || (!scheduled && random.nextInt(200) == 0)) {
                    register.put(new SessionSlot(day, session), CODES.get(random.nextInt(CODES.size())));
                }
            }
        }
        LocalDate from = FIRST.firstDay().plusDays(random.nextInt(400));
        LocalDate to = from.plusDays(random.nextInt(300));
        return new Scenario(calendars, stay, register, from, to.isAfter(SECOND.lastDay()) ? SECOND.lastDay() : to);
    }

    /** Terms of random length separated by holidays of random length, with random whole- and half-day closures. */
    private static SchoolCalendar calendar(AcademicYear year, Random random) {
        List<Term> terms = new ArrayList<>();
        List<Closure> closures = new ArrayList<>();
        LocalDate day = year.firstDay().plusDays(random.nextInt(10));
        while (true) {
            LocalDate end = day.plusDays(10 + random.nextInt(60));
            if (end.isAfter(year.lastDay().minusDays(20))) {
                break;
            }
            terms.add(new Term(day, end));
            for (int i = random.nextInt(4); i > 0; i--) {
                LocalDate closed = day.plusDays(random.nextInt((int) (end.toEpochDay() - day.toEpochDay()) + 1));
                if (closures.stream().noneMatch(c -> c.date().equals(closed))) {
                    closures.add(new Closure(closed, SessionScope.values()[random.nextInt(3)], "closed"));
                }
            }
            day = end.plusDays(3 + random.nextInt(17));
        }
        return new SchoolCalendar(year, terms, closures);
    }

    @Property(tries = 150)
    void school_weeks_are_the_weeks_with_at_least_one_session_across_holidays_and_years(
            @ForAll("scenarios") Scenario scenario) {
        Set<LocalDate> weeks = new TreeSet<>();
        scenario.schoolSessions().forEach(slot -> weeks.add(slot.date().with(DayOfWeek.MONDAY)));

        assertThat(scenario.timeline().schoolWeeks()).containsExactlyElementsOf(weeks);
    }

    @Property(tries = 150)
    void possible_sessions_are_the_marked_sessions_of_the_four_counted_categories_and_blanks_are_unmarked(
            @ForAll("scenarios") Scenario scenario) {
        int scheduled = 0;
        int possible = 0;
        int attended = 0;
        int absent = 0;
        int unmarked = 0;
        for (LocalDate day : scenario.everyDate()) {
            for (Session session : Session.values()) {
                if (day.isBefore(scenario.from()) || day.isAfter(scenario.to()) || !scenario.scheduled(day, session)) {
                    continue;
                }
                scheduled++;
                String code = scenario.register().get(new SessionSlot(day, session));
                if (code == null) {
                    unmarked++;
                    continue;
                }
                CodeCategory category = CodeCatalogue.national().categoryOf(code, day);
                switch (category) {
                    case PRESENT, APPROVED_EDUCATIONAL_ACTIVITY -> {
                        possible++;
                        attended++;
                    }
                    case AUTHORISED_ABSENCE, UNAUTHORISED_ABSENCE -> {
                        possible++;
                        absent++;
                    }
                    case NOT_POSSIBLE -> { }
                }
            }
        }

        AttendanceFigures figures = AttendanceFigures.tally(scenario.schedule(), scenario.marks(), scenario.from(),
                scenario.to());

        assertThat(figures.scheduledSessions()).isEqualTo(scheduled);
        assertThat(figures.possibleSessions()).isEqualTo(possible);
        assertThat(figures.attendedSessions()).isEqualTo(attended);
        assertThat(figures.overallAbsenceSessions()).isEqualTo(absent);
        assertThat(figures.unmarkedSessions()).isEqualTo(unmarked);
        assertThat(figures.persistentAbsence()).isEqualTo(possible > 0 && absent * 10 >= possible);
    }

    @Property(tries = 150)
    void an_n_must_be_resolved_by_the_fifth_school_day_after_its_session(@ForAll("scenarios") Scenario scenario) {
        List<LocalDate> schoolDays = scenario.schoolSessions().stream().map(SessionSlot::date).distinct().toList();
        for (LocalDate sessionDay : schoolDays) {
            Optional<LocalDate> expected = schoolDays.stream().filter(day -> day.isAfter(sessionDay))
                    .skip(NMarkDeadline.NATIONAL_SCHOOL_DAYS - 1).findFirst();

            assertThat(NMarkDeadline.national().deadline(scenario.timeline(), sessionDay))
                    .as("deadline of an N on %s", sessionDay).isEqualTo(expected);
        }
    }

    @Property(tries = 150)
    void the_threshold_is_met_at_the_first_session_whose_ten_school_week_window_holds_ten_g_n_o_or_u(
            @ForAll("scenarios") Scenario scenario) {
        List<SessionSlot> sessions = scenario.schoolSessions();
        List<LocalDate> weeks = sessions.stream().map(slot -> slot.date().with(DayOfWeek.MONDAY)).distinct().toList();
        SessionSlot firstMet = null;
        SessionSlot breach = null;
        int highest = 0;
        for (SessionSlot session : sessions) {
            if (session.date().isBefore(scenario.from()) || session.date().isAfter(scenario.to())) {
                continue;
            }
            int week = weeks.indexOf(session.date().with(DayOfWeek.MONDAY));
            LocalDate windowStart = weeks.get(Math.max(0, week - 9));
            TreeSet<SessionSlot> counted = new TreeSet<>();
            for (Map.Entry<SessionSlot, String> mark : scenario.register().entrySet()) {
                SessionSlot slot = mark.getKey();
                boolean inWindow = !slot.date().isBefore(windowStart) && slot.compareTo(session) <= 0;
                if (inWindow && scenario.scheduled(slot.date(), slot.session())
                        && Set.of("G", "N", "O", "U").contains(mark.getValue())) {
                    counted.add(slot);
                }
            }
            highest = Math.max(highest, counted.size());
            if (firstMet == null && counted.size() >= 10) {
                firstMet = session;
                breach = counted.stream().skip(9).findFirst().orElseThrow();
            }
        }

        ThresholdAssessment assessment = PenaltyThresholdRule.national().assess(scenario.schedule(), scenario.marks(),
                scenario.from(), scenario.to());

        assertThat(assessment.firstMetAt()).isEqualTo(firstMet);
        assertThat(assessment.breachAt()).isEqualTo(breach);
        assertThat(assessment.maxCountInAnyWindow()).isEqualTo(highest);
    }
}
