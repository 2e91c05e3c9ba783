package org.attendanceledger.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One academic year of one school: its terms and the closures inside them.
 *
 * <p>Pupil sessions are the AM and PM sessions of Monday-to-Friday term dates, minus closures. A
 * whole-school closure removes the session for everybody; a partial closure only for the listed year
 * groups, so the school still meets that session (and that week stays a school week).
 */
public final class SchoolCalendar {

    private final AcademicYear academicYear;
    private final List<Term> terms;
    private final List<Closure> closures;
    private final Set<SessionSlot> closedForWholeSchool;
    private final Map<SessionSlot, Set<String>> closedForYearGroups;
    private final List<SessionSlot> schoolSessions;

    public SchoolCalendar(AcademicYear academicYear, List<Term> terms, List<Closure> closures) {
        this.academicYear = Objects.requireNonNull(academicYear, "academicYear");
        this.terms = sortedAndValidated(academicYear, Objects.requireNonNull(terms, "terms"));
        this.closures = List.copyOf(Objects.requireNonNull(closures, "closures"));
        Set<SessionSlot> wholeSchool = new HashSet<>();
        Map<SessionSlot, Set<String>> byYearGroup = new HashMap<>();
        for (Closure closure : this.closures) {
            if (!academicYear.contains(closure.date())) {
                throw new IllegalArgumentException("closure on " + closure.date() + " is outside academic year " + academicYear);
            }
            for (Session session : Session.values()) {
                if (!closure.session().covers(session)) {
                    continue;
                }
                SessionSlot slot = new SessionSlot(closure.date(), session);
                if (closure.isWholeSchool()) {
                    wholeSchool.add(slot);
                } else {
                    byYearGroup.computeIfAbsent(slot, ignored -> new HashSet<>()).addAll(closure.yearGroups());
                }
            }
        }
        this.closedForWholeSchool = Set.copyOf(wholeSchool);
        byYearGroup.replaceAll((slot, yearGroups) -> Set.copyOf(yearGroups));
        this.closedForYearGroups = Map.copyOf(byYearGroup);
        this.schoolSessions = listSchoolSessions();
    }

    public AcademicYear academicYear() {
        return academicYear;
    }

    /** The terms in date order. */
    public List<Term> terms() {
        return terms;
    }

    public List<Closure> closures() {
        return closures;
    }

    /** A Monday-to-Friday date inside a term, whether or not it is closed. */
    public boolean isTermWeekday(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (isWeekend(date)) {
            return false;
        }
        for (Term term : terms) {
            if (term.contains(date)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a pupil in this year group is expected at this session. A null year group is affected only by
     * whole-school closures, because a partial closure cannot be known to apply.
     */
    public boolean isPupilSession(LocalDate date, Session session, String yearGroupOrNull) {
        if (!isSchoolSession(date, session)) {
            return false;
        }
        return yearGroupOrNull == null || !closedForYearGroup(new SessionSlot(date, session), yearGroupOrNull);
    }

    /** Whether the school meets this session for at least some of its pupils. */
    public boolean isSchoolSession(LocalDate date, Session session) {
        Objects.requireNonNull(session, "session");
        return isTermWeekday(date) && !closedForWholeSchool.contains(new SessionSlot(date, session));
    }

    /** Every session the school meets, in chronological order. */
    public List<SessionSlot> schoolSessions() {
        return schoolSessions;
    }

    /** The pupil sessions for this year group between the two dates, both inclusive. */
    public int countPupilSessions(LocalDate fromInclusive, LocalDate toInclusive, String yearGroupOrNull) {
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        if (toInclusive.isBefore(fromInclusive)) {
            return 0;
        }
        int first = insertionPoint(new SessionSlot(fromInclusive, Session.AM));
        int afterLast = insertionPoint(new SessionSlot(toInclusive.plusDays(1), Session.AM));
        int count = afterLast - first;
        if (yearGroupOrNull != null) {
            for (Map.Entry<SessionSlot, Set<String>> partial : closedForYearGroups.entrySet()) {
                LocalDate date = partial.getKey().date();
                boolean inRange = !date.isBefore(fromInclusive) && !date.isAfter(toInclusive);
                if (inRange && partial.getValue().contains(yearGroupOrNull) && isSchoolSession(date, partial.getKey().session())) {
                    count--;
                }
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchoolCalendar that
                && academicYear.equals(that.academicYear)
                && terms.equals(that.terms)
                && closures.equals(that.closures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(academicYear, terms, closures);
    }

    @Override
    public String toString() {
        return "SchoolCalendar[" + academicYear + ", terms=" + terms + ", closures=" + closures.size() + "]";
    }

    private static List<Term> sortedAndValidated(AcademicYear academicYear, List<Term> terms) {
        List<Term> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparing(Term::start));
        for (int i = 0; i < sorted.size(); i++) {
            Term term = sorted.get(i);
            if (!academicYear.contains(term.start()) || !academicYear.contains(term.end())) {
                throw new IllegalArgumentException("term " + term.start() + ".." + term.end() + " is outside academic year " + academicYear);
            }
            if (i > 0 && sorted.get(i - 1).overlaps(term)) {
                throw new IllegalArgumentException("terms overlap: " + sorted.get(i - 1) + " and " + term);
            }
        }
        return List.copyOf(sorted);
    }

    private boolean closedForYearGroup(SessionSlot slot, String yearGroup) {
        Set<String> yearGroups = closedForYearGroups.get(slot);
        return yearGroups != null && yearGroups.contains(yearGroup);
    }

    private List<SessionSlot> listSchoolSessions() {
        List<SessionSlot> sessions = new ArrayList<>();
        for (Term term : terms) {
            for (LocalDate date = term.start(); !date.isAfter(term.end()); date = date.plusDays(1)) {
                for (Session session : Session.values()) {
                    if (isSchoolSession(date, session)) {
                        sessions.add(new SessionSlot(date, session));
                    }
                }
            }
        }
        return List.copyOf(sessions);
    }

    /** Index of the first school session at or after the slot. */
    private int insertionPoint(SessionSlot slot) {
        int index = Collections.binarySearch(schoolSessions, slot);
        return index >= 0 ? index : -index - 1;
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
