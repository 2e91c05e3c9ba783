package org.attendanceledger.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Several academic years of one school laid end to end. Penalty-threshold windows, N deadlines and
 * consecutive-day rules run across holidays and into the next school year, so they are computed here
 * rather than on a single {@link SchoolCalendar}.
 *
 * <p>A school day is a day on which the school meets at least one session for at least some pupils. A
 * school week is an ISO week (Monday to Sunday) containing at least one school session; the week boundary
 * is a design assumption (rules 7.1, 12.3).
 */
public final class SchoolTimeline {

    private final NavigableMap<AcademicYear, SchoolCalendar> calendarsByYear;
    private final List<SchoolCalendar> calendars;
    private final List<LocalDate> schoolDays;
    private final List<LocalDate> schoolWeeks;
    private final Map<LocalDate, Integer> weekIndexByMonday;

    public SchoolTimeline(Collection<SchoolCalendar> calendars) {
        Objects.requireNonNull(calendars, "calendars");
        NavigableMap<AcademicYear, SchoolCalendar> byYear = new TreeMap<>();
        for (SchoolCalendar calendar : calendars) {
            if (byYear.put(calendar.academicYear(), calendar) != null) {
                throw new IllegalArgumentException("two calendars for academic year " + calendar.academicYear());
            }
        }
        this.calendarsByYear = Collections.unmodifiableNavigableMap(byYear);
        this.calendars = List.copyOf(byYear.values());

        // Terms lie inside their academic year, so walking the years in order yields sorted sessions.
        List<LocalDate> days = new ArrayList<>();
        List<LocalDate> weeks = new ArrayList<>();
        for (SchoolCalendar calendar : byYear.values()) {
            for (SessionSlot slot : calendar.schoolSessions()) {
                LocalDate date = slot.date();
                if (days.isEmpty() || !last(days).equals(date)) {
                    days.add(date);
                }
                LocalDate monday = weekStart(date);
                if (weeks.isEmpty() || !last(weeks).equals(monday)) {
                    weeks.add(monday);
                }
            }
        }
        this.schoolDays = List.copyOf(days);
        this.schoolWeeks = List.copyOf(weeks);
        Map<LocalDate, Integer> weekIndex = new HashMap<>();
        for (int i = 0; i < weeks.size(); i++) {
            weekIndex.put(weeks.get(i), i);
        }
        this.weekIndexByMonday = Map.copyOf(weekIndex);
    }

    /** The Monday of the ISO week containing the date. */
    public static LocalDate weekStart(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The calendars in academic-year order. */
    public List<SchoolCalendar> calendars() {
        return calendars;
    }

    public Optional<SchoolCalendar> calendarFor(AcademicYear academicYear) {
        return Optional.ofNullable(calendarsByYear.get(academicYear));
    }

    public boolean isSchoolSession(LocalDate date, Session session) {
        SchoolCalendar calendar = calendarsByYear.get(AcademicYear.containing(date));
        return calendar != null && calendar.isSchoolSession(date, session);
    }

    public boolean isPupilSession(LocalDate date, Session session, String yearGroupOrNull) {
        SchoolCalendar calendar = calendarsByYear.get(AcademicYear.containing(date));
        return calendar != null && calendar.isPupilSession(date, session, yearGroupOrNull);
    }

    /** The sessions a pupil of this year group is expected at between the two dates, both inclusive, across years. */
    public int countPupilSessions(LocalDate fromInclusive, LocalDate toInclusive, String yearGroupOrNull) {
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        int count = 0;
        for (SchoolCalendar calendar : calendars) {
            AcademicYear year = calendar.academicYear();
            LocalDate from = later(fromInclusive, year.firstDay());
            LocalDate to = earlier(toInclusive, year.lastDay());
            if (!to.isBefore(from)) {
                count += calendar.countPupilSessions(from, to, yearGroupOrNull);
            }
        }
        return count;
    }

    /** The first session the school meets between the two dates, both inclusive. */
    public Optional<SessionSlot> firstSchoolSession(LocalDate fromInclusive, LocalDate toInclusive) {
        SessionSlot earliest = new SessionSlot(Objects.requireNonNull(fromInclusive, "fromInclusive"), Session.AM);
        for (SchoolCalendar calendar : calendars) {
            List<SessionSlot> sessions = calendar.schoolSessions();
            int found = Collections.binarySearch(sessions, earliest);
            int index = found >= 0 ? found : -found - 1;
            if (index < sessions.size()) {
                SessionSlot first = sessions.get(index);
                return first.date().isAfter(toInclusive) ? Optional.empty() : Optional.of(first);
            }
        }
        return Optional.empty();
    }

    /** Every session the school meets between the two dates, both inclusive, in chronological order. */
    public List<SessionSlot> schoolSessions(LocalDate fromInclusive, LocalDate toInclusive) {
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        List<SessionSlot> sessions = new ArrayList<>();
        for (SchoolCalendar calendar : calendars) {
            AcademicYear year = calendar.academicYear();
            if (year.lastDay().isBefore(fromInclusive) || year.firstDay().isAfter(toInclusive)) {
                continue;
            }
            for (SessionSlot slot : calendar.schoolSessions()) {
                if (!slot.date().isBefore(fromInclusive) && !slot.date().isAfter(toInclusive)) {
                    sessions.add(slot);
                }
            }
        }
        return sessions;
    }

    public boolean isSchoolDay(LocalDate date) {
        return Collections.binarySearch(schoolDays, Objects.requireNonNull(date, "date")) >= 0;
    }

    /** Every school day of every calendar, in order. */
    public List<LocalDate> schoolDays() {
        return schoolDays;
    }

    /**
     * The 0-based position of a school day in {@link #schoolDays()}, empty if the date is not a school day.
     * Two school days are consecutive when their indexes differ by one, whatever holidays lie between.
     */
    public OptionalInt schoolDayIndex(LocalDate date) {
        int index = Collections.binarySearch(schoolDays, Objects.requireNonNull(date, "date"));
        return index >= 0 ? OptionalInt.of(index) : OptionalInt.empty();
    }

    /**
     * The n-th school day strictly after the date (the date itself never counts), e.g. the deadline for
     * resolving an N mark is the 5th school day after the session. Empty when the published calendars end
     * first: the answer is not yet known, not "never".
     */
    public Optional<LocalDate> nthSchoolDayAfter(LocalDate date, int n) {
        Objects.requireNonNull(date, "date");
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        int searched = Collections.binarySearch(schoolDays, date);
        int firstAfter = searched >= 0 ? searched + 1 : -searched - 1;
        int target = firstAfter + n - 1;
        return target < schoolDays.size() ? Optional.of(schoolDays.get(target)) : Optional.empty();
    }

    /**
     * The n-th school day counting the given date as day 1 when it is a school day, e.g. the 10th day of a
     * run of absence that began on that date.
     */
    public Optional<LocalDate> nthSchoolDayFrom(LocalDate firstDayInclusive, int n) {
        Objects.requireNonNull(firstDayInclusive, "firstDayInclusive");
        return nthSchoolDayAfter(firstDayInclusive.minusDays(1), n);
    }

    /** The Mondays of all school weeks, in order. */
    public List<LocalDate> schoolWeeks() {
        return schoolWeeks;
    }

    /** The 0-based index of the school week containing the date, empty if that week has no school session. */
    public OptionalInt schoolWeekIndex(LocalDate date) {
        Integer index = weekIndexByMonday.get(weekStart(Objects.requireNonNull(date, "date")));
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate last(List<LocalDate> dates) {
        return dates.get(dates.size() - 1);
    }
}
