package org.attendanceledger.projections.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.AbsenceMeasure;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.PupilSchedules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Persistent and severe absence lists for an academic year up to a date (rules 6.1, 6.2), for any set of schools.
 *
 * <p>It reads one row per pupil: the year's counts by category, less the marks dated after {@code asOf} (none when
 * the list is asked for today). Only pupils with some absence can be on a list, so only they are looked at further;
 * their possible sessions are the sessions scheduled for them up to {@code asOf} less their not-possible marks.
 */
@Component
public class AbsenceListQuery {

    private static final Comparator<AbsenceListEntry> BY_SCHOOL_AND_PUPIL =
            Comparator.comparing(AbsenceListEntry::urn).thenComparing(AbsenceListEntry::upn);

    private final JdbcTemplate jdbc;
    private final PupilSchedules schedules;

    public AbsenceListQuery(JdbcTemplate jdbc, PupilSchedules schedules) {
        this.jdbc = jdbc;
        this.schedules = schedules;
    }

    /** Counts of scheduled marks for one pupil and year, or for the part of it after asOf. */
    private record Counts(int authorised, int unauthorised, int notPossible) {

        Counts minus(Counts other) {
            return other == null ? this : new Counts(authorised - other.authorised,
                    unauthorised - other.unauthorised, notPossible - other.notPossible);
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
        Map<PupilKey, PupilSchedule> pupilSchedules = schedules.of(yearCounts.keySet());

        List<AbsenceListEntry> entries = new ArrayList<>();
        // Most pupils of a school share their stays on roll (the whole year, one year group): count each pattern once.
        Map<List<Object>, Integer> scheduledByStays = new HashMap<>();
        yearCounts.forEach((pupil, counts) -> {
            Counts toDate = counts.minus(after.get(pupil));
            PupilSchedule schedule = pupilSchedules.get(pupil);
            int scheduled = scheduledByStays.computeIfAbsent(List.of(pupil.urn(), schedule.stays()),
                    key -> schedule.countScheduled(year.firstDay(), periodEnd));
            AbsenceListEntry entry = new AbsenceListEntry(pupil.urn(), pupil.upn(), scheduled - toDate.notPossible(),
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
                SELECT urn, upn, authorised_absence, unauthorised_absence, not_possible FROM projection_pupil_year
                WHERE urn = ANY (?) AND academic_year = ? AND authorised_absence + unauthorised_absence > 0""",
                rs -> {
                    counts.put(new PupilKey(rs.getString("urn"), rs.getString("upn")), new Counts(
                            rs.getInt("authorised_absence"), rs.getInt("unauthorised_absence"),
                            rs.getInt("not_possible")));
                },
                urns.toArray(String[]::new), year.toString());
        return counts;
    }

    private Map<PupilKey, Counts> countsBetween(Collection<String> urns, LocalDate from, LocalDate to) {
        Map<PupilKey, Counts> counts = new HashMap<>();
        jdbc.query("""
                SELECT urn, upn,
                       count(*) FILTER (WHERE category = 'AUTHORISED_ABSENCE') AS authorised_absence,
                       count(*) FILTER (WHERE category = 'UNAUTHORISED_ABSENCE') AS unauthorised_absence,
                       count(*) FILTER (WHERE category = 'NOT_POSSIBLE') AS not_possible
                FROM projection_current_mark
                WHERE urn = ANY (?) AND session_date BETWEEN ? AND ?
                  AND scheduled AND category IN ('AUTHORISED_ABSENCE', 'UNAUTHORISED_ABSENCE', 'NOT_POSSIBLE')
                GROUP BY urn, upn""",
                rs -> {
                    counts.put(new PupilKey(rs.getString("urn"), rs.getString("upn")), new Counts(
                            rs.getInt("authorised_absence"), rs.getInt("unauthorised_absence"),
                            rs.getInt("not_possible")));
                },
                urns.toArray(String[]::new), from, to);
        return counts;
    }
}
