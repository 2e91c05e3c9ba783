package org.attendanceledger.projections.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.AbsenceMeasure;
import org.attendanceledger.attendance.AttendanceFigures;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.PupilSchedules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Persistent and severe absence lists for an academic year up to a date (rules 6.1, 6.2), for any set of schools.
 *
 * <p>It reads one row per pupil: the year's counts by category of the marks on scheduled sessions, less the marks
 * dated after {@code asOf} (none when the list is asked for today). Possible sessions are the marked ones that are
 * present, approved educational activity, authorised or unauthorised absence, exactly as in a pupil's figures; an
 * unmarked session counts towards nothing. Only pupils with some absence can be on a list, so only they are read.
 */
@Component
public class AbsenceListQuery {

    private static final Comparator<AbsenceListEntry> BY_SCHOOL_AND_PUPIL =
            Comparator.comparing(AbsenceListEntry::urn).thenComparing(AbsenceListEntry::upn);

    private final JdbcTemplate jdbc;
    private final KnownMarks knownMarks;
    private final PupilSchedules schedules;

    public AbsenceListQuery(JdbcTemplate jdbc, KnownMarks knownMarks, PupilSchedules schedules) {
        this.jdbc = jdbc;
        this.knownMarks = knownMarks;
        this.schedules = schedules;
    }

    /**
     * The list as the ledger knew it at an instant (null: now): each pupil's register, calendars and stays as they
     * were received by then, tallied by the same rule as a pupil's figures.
     */
    public List<AbsenceListEntry> list(Collection<String> urns, AcademicYear year, LocalDate asOf,
                                       AbsenceMeasure measure, Instant knownAt) {
        if (knownAt == null) {
            return list(urns, year, asOf, measure);
        }
        if (urns.isEmpty() || asOf.isBefore(year.firstDay())) {
            return List.of();
        }
        LocalDate periodEnd = asOf.isBefore(year.lastDay()) ? asOf : year.lastDay();
        Map<PupilKey, List<SessionMark>> marks = knownMarks.ofSchools(urns, year.firstDay(), periodEnd, knownAt);
        Map<PupilKey, PupilSchedule> pupilSchedules = schedules.of(marks.keySet(), knownAt);
        List<AbsenceListEntry> entries = new ArrayList<>();
        marks.forEach((pupil, pupilMarks) -> {
            AttendanceFigures figures = AttendanceFigures.tally(pupilSchedules.get(pupil), pupilMarks,
                    year.firstDay(), periodEnd);
            AbsenceListEntry entry = new AbsenceListEntry(pupil.urn(), pupil.upn(), figures.possibleSessions(),
                    figures.authorisedAbsenceSessions(), figures.unauthorisedAbsenceSessions());
            if (entry.meets(measure)) {
                entries.add(entry);
            }
        });
        entries.sort(BY_SCHOOL_AND_PUPIL);
        return entries;
    }

    /** Counts of scheduled marks for one pupil and year, or for the part of it after asOf. */
    private record Counts(int attended, int authorised, int unauthorised) {

        Counts minus(Counts other) {
            return other == null ? this : new Counts(attended - other.attended,
                    authorised - other.authorised, unauthorised - other.unauthorised);
        }

        int possible() {
            return attended + authorised + unauthorised;
        }
    }

    public List<AbsenceListEntry> list(Collection<String> urns, AcademicYear year, LocalDate asOf,
                                       AbsenceMeasure measure) {
        if (urns.isEmpty() || asOf.isBefore(year.firstDay())) {
            return List.of();
        }
        LocalDate periodEnd = asOf.isBefore(year.lastDay()) ? asOf : year.lastDay();
        Map<PupilKey, Counts> yearCounts = yearCountsOfPupilsWithAbsence(urns, year);
        Map<PupilKey, Counts> after = periodEnd.isBefore(year.lastDay())
                ? countsBetween(urns, periodEnd.plusDays(1), year.lastDay()) : Map.of();

        List<AbsenceListEntry> entries = new ArrayList<>();
        yearCounts.forEach((pupil, counts) -> {
            Counts toDate = counts.minus(after.get(pupil));
            AbsenceListEntry entry = new AbsenceListEntry(pupil.urn(), pupil.upn(), toDate.possible(),
                    toDate.authorised(), toDate.unauthorised());
            if (entry.meets(measure)) {
                entries.add(entry);
            }
        });
        entries.sort(BY_SCHOOL_AND_PUPIL);
        return entries;
    }

    private Map<PupilKey, Counts> yearCountsOfPupilsWithAbsence(Collection<String> urns, AcademicYear year) {
        Map<PupilKey, Counts> counts = new LinkedHashMap<>();
        jdbc.query("""
                SELECT urn, upn, present + approved_educational_activity AS attended, authorised_absence,
                       unauthorised_absence
                FROM projection_pupil_year
                WHERE urn = ANY (?) AND academic_year = ? AND authorised_absence + unauthorised_absence > 0""",
                rs -> {
                    counts.put(new PupilKey(rs.getString("urn"), rs.getString("upn")), new Counts(
                            rs.getInt("attended"), rs.getInt("authorised_absence"),
                            rs.getInt("unauthorised_absence")));
                },
                urns.toArray(String[]::new), year.toString());
        return counts;
    }

    private Map<PupilKey, Counts> countsBetween(Collection<String> urns, LocalDate from, LocalDate to) {
        Map<PupilKey, Counts> counts = new HashMap<>();
        jdbc.query("""
                SELECT urn, upn,
                       count(*) FILTER (WHERE category IN ('PRESENT', 'APPROVED_EDUCATIONAL_ACTIVITY')) AS attended,
                       count(*) FILTER (WHERE category = 'AUTHORISED_ABSENCE') AS authorised_absence,
                       count(*) FILTER (WHERE category = 'UNAUTHORISED_ABSENCE') AS unauthorised_absence
                FROM projection_current_mark
                WHERE urn = ANY (?) AND session_date BETWEEN ? AND ?
                  AND scheduled AND category IN ('PRESENT', 'APPROVED_EDUCATIONAL_ACTIVITY', 'AUTHORISED_ABSENCE',
                                                 'UNAUTHORISED_ABSENCE')
                GROUP BY urn, upn""",
                rs -> {
                    counts.put(new PupilKey(rs.getString("urn"), rs.getString("upn")), new Counts(
                            rs.getInt("attended"), rs.getInt("authorised_absence"),
                            rs.getInt("unauthorised_absence")));
                },
                urns.toArray(String[]::new), from, to);
        return counts;
    }
}
