package org.attendanceledger.projections;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.catalogue.AttendanceCode;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.penalty.PenaltyThresholdRule.CountAtMark;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.projections.ProjectionRows.Admission;
import org.attendanceledger.projections.ProjectionRows.CalendarRow;
import org.attendanceledger.projections.ProjectionRows.CategoryCounts;
import org.attendanceledger.projections.ProjectionRows.CurrentMarkRow;
import org.attendanceledger.projections.ProjectionRows.Departure;
import org.attendanceledger.projections.ProjectionRows.EntryKey;
import org.attendanceledger.projections.ProjectionRows.MarkVersionRow;
import org.attendanceledger.projections.ProjectionRows.PupilYear;
import org.attendanceledger.projections.ProjectionRows.ScheduledFlag;
import org.attendanceledger.projections.ProjectionRows.SchoolRow;
import org.attendanceledger.projections.ProjectionRows.ThresholdCountRow;
import org.attendanceledger.projections.ProjectionRows.YearGroupException;

/**
 * What one batch of events changes, written once when the batch's unit of work prepares to commit: one JDBC batch per
 * table rather than one statement per event.
 *
 * <p>The result depends only on the events, never on where batches happen to begin and end, so a rebuild equals the
 * incrementally kept tables. Marks are settled first against the calendars and stays as they stand at the end of the
 * batch. A mark change moves its pupil-year's counts by the difference between the code before and after the batch.
 * A calendar change, a stay that starts or ends, or a year-group exception can change which marks are scheduled at
 * all: the marks of that school-year or pupil are re-checked and their counts recomputed from the marks instead. The penalty threshold's
 * count at each mark it counts is recomputed for every pupil whose threshold marks, stays or school weeks changed.
 */
final class ProjectionBatch {

    private final ProjectionStore store;
    private final PupilSchedules pupilSchedules;
    private final PenaltyThresholdRule thresholdRule;

    private final List<SchoolRow> schools = new ArrayList<>();
    private final List<CalendarRow> calendars = new ArrayList<>();
    private final List<Admission> admissions = new ArrayList<>();
    private final List<Departure> departures = new ArrayList<>();
    /** The last exception per pupil and academic year: a later one in the same batch replaces an earlier one. */
    /** Every exception of the batch, in order: each is kept, so that an earlier one stays answerable as known then. */
    private final List<YearGroupException> yearGroupExceptions = new ArrayList<>();
    private final List<MarkVersionRow> markVersions = new ArrayList<>();
    private final Map<EntryKey, EntryChange> entries = new LinkedHashMap<>();
    private String lastInstantText;
    private Instant lastInstant;

    /** An entry's state before the batch (absent if the batch records it) and after it. */
    private record EntryChange(boolean existedBefore, String codeBefore, long version, String code,
                               Instant receivedAt) {
    }

    ProjectionBatch(ProjectionStore store, PupilSchedules pupilSchedules, PenaltyThresholdRule thresholdRule) {
        this.store = store;
        this.pupilSchedules = pupilSchedules;
        this.thresholdRule = thresholdRule;
    }

    /** Parses an ISO-8601 instant, remembering the last one: a posted register's events all carry the same. */
    Instant instant(String text) {
        if (!text.equals(lastInstantText)) {
            lastInstant = Instant.parse(text);
            lastInstantText = text;
        }
        return lastInstant;
    }

    void schoolRegistered(SchoolRow school) {
        schools.add(school);
    }

    void calendarChanged(CalendarRow calendar) {
        calendars.add(calendar);
    }

    void pupilAdmitted(Admission admission) {
        admissions.add(admission);
    }

    void pupilDeparted(Departure departure) {
        departures.add(departure);
    }

    void yearGroupExceptionRecorded(YearGroupException exception) {
        yearGroupExceptions.add(exception);
    }

    void markRecorded(EntryKey entry, long version, String code, Integer minutesLate, Instant receivedAt) {
        markVersions.add(new MarkVersionRow(entry, version, code, minutesLate, receivedAt));
        entries.put(entry, new EntryChange(false, null, version, code, receivedAt));
    }

    void markAmended(EntryKey entry, String previousCode, long version, String code, Integer minutesLate,
                     Instant receivedAt) {
        markVersions.add(new MarkVersionRow(entry, version, code, minutesLate, receivedAt));
        EntryChange earlier = entries.get(entry);
        entries.put(entry, earlier == null
                ? new EntryChange(true, previousCode, version, code, receivedAt)
                : new EntryChange(earlier.existedBefore(), earlier.codeBefore(), version, code, receivedAt));
    }

    void flush() {
        store.insertSchools(schools);
        store.insertCalendars(calendars);
        store.insertStays(admissions);
        store.endStays(departures);
        store.upsertYearGroupExceptions(yearGroupExceptions);

        Set<SchoolYear> recheckedYears = new LinkedHashSet<>();
        calendars.forEach(c -> recheckedYears.add(new SchoolYear(c.urn(), c.academicYear())));
        Map<String, Set<String>> recheckedPupils = new TreeMap<>();
        admissions.forEach(a -> addPupil(recheckedPupils, a.pupil()));
        departures.forEach(d -> addPupil(recheckedPupils, d.pupil()));
        // A pupil's year group on a date decides which partial closures are theirs.
        yearGroupExceptions.forEach(e -> addPupil(recheckedPupils, e.pupil()));

        writeMarks(recheckedYears, recheckedPupils);
        recheckedYears.forEach(this::recheckSchoolYear);
        recheckedPupils.forEach(this::recheckPupils);

        // School weeks follow the calendar and counted marks follow the stays, so those pupils are recounted too.
        Map<String, Set<String>> recountedThresholds = new TreeMap<>();
        recheckedPupils.forEach((urn, upns) ->
                upns.forEach(upn -> addPupil(recountedThresholds, new PupilKey(urn, upn))));
        entries.forEach((entry, change) -> {
            if (isThresholdCode(change.codeBefore(), entry.date()) || isThresholdCode(change.code(), entry.date())) {
                addPupil(recountedThresholds, entry.pupil());
            }
        });
        recheckedYears.forEach(year -> store.pupilsWithThresholdCodes(year.urn())
                .forEach(upn -> addPupil(recountedThresholds, new PupilKey(year.urn(), upn))));
        recountedThresholds.forEach(this::recountThresholds);
    }

    /** The threshold's count at every mark it counts, for each of the pupils: recomputed whole, they are few. */
    private void recountThresholds(String urn, Set<String> upns) {
        Map<PupilKey, List<SessionMark>> marks = store.thresholdCodeMarks(urn, upns);
        Map<PupilKey, PupilSchedule> schedules = pupilSchedules.of(marks.keySet());
        List<ThresholdCountRow> counts = new ArrayList<>();
        marks.forEach((pupil, pupilMarks) -> {
            for (CountAtMark count : thresholdRule.countsAtMarks(schedules.get(pupil), pupilMarks)) {
                SessionMark mark = count.mark();
                counts.add(new ThresholdCountRow(new EntryKey(urn, pupil.upn(), mark.date(), mark.session()),
                        count.count()));
            }
        });
        store.replaceThresholdCounts(urn, upns, counts);
    }

    private record SchoolYear(String urn, AcademicYear academicYear) {
    }

    private void writeMarks(Set<SchoolYear> recheckedYears, Map<String, Set<String>> recheckedPupils) {
        if (entries.isEmpty()) {
            return;
        }
        Map<PupilKey, PupilSchedule> schedules = pupilSchedules.of(
                entries.keySet().stream().map(EntryKey::pupil).distinct().toList());
        List<CurrentMarkRow> current = new ArrayList<>(entries.size());
        Map<PupilYear, CategoryCounts> countChanges = new LinkedHashMap<>();
        entries.forEach((entry, change) -> {
            boolean scheduled = schedules.get(entry.pupil()).isScheduled(entry.date(), entry.session());
            Optional<AttendanceCode> code = lookup(change.code(), entry.date());
            current.add(new CurrentMarkRow(entry, change.version(), change.code(),
                    code.map(AttendanceCode::category).orElse(null),
                    code.map(AttendanceCode::countsTowardsPenaltyThreshold).orElse(false), scheduled,
                    change.receivedAt()));
            boolean recountedAnyway = recheckedYears.contains(new SchoolYear(entry.urn(), entry.academicYear()))
                    || recheckedPupils.getOrDefault(entry.urn(), Set.of()).contains(entry.upn());
            if (scheduled && !recountedAnyway) {
                CategoryCounts counts = countChanges.computeIfAbsent(
                        new PupilYear(entry.urn(), entry.academicYear(), entry.upn()), k -> new CategoryCounts());
                if (change.existedBefore()) {
                    categoryOf(change.codeBefore(), entry.date()).ifPresent(category -> counts.add(category, -1));
                }
                categoryOf(change.code(), entry.date()).ifPresent(category -> counts.add(category, 1));
            }
        });
        countChanges.values().removeIf(CategoryCounts::isZero);

        store.insertMarkVersions(markVersions);
        store.upsertCurrentMarks(current);
        store.addToPupilYears(countChanges);
    }

    private void recheckSchoolYear(SchoolYear schoolYear) {
        List<ScheduledFlag> marks = store.scheduledFlags(schoolYear.urn(), schoolYear.academicYear());
        // A calendar is normally published before any mark: then there is nothing to recheck or recount.
        if (!marks.isEmpty()) {
            recheck(marks);
            store.recountSchoolYear(schoolYear.urn(), schoolYear.academicYear());
        }
    }

    private void recheckPupils(String urn, Set<String> upns) {
        List<ScheduledFlag> marks = store.scheduledFlags(urn, upns);
        if (!marks.isEmpty()) {
            recheck(marks);
            store.recountPupils(urn, upns);
        }
    }

    /** Stores the scheduled flag of every mark whose flag the current calendars and stays change. */
    private void recheck(List<ScheduledFlag> marks) {
        Map<PupilKey, PupilSchedule> schedules = pupilSchedules.of(
                marks.stream().map(mark -> mark.entry().pupil()).distinct().toList());
        List<ScheduledFlag> changed = new ArrayList<>();
        for (ScheduledFlag mark : marks) {
            boolean scheduled = schedules.get(mark.entry().pupil())
                    .isScheduled(mark.entry().date(), mark.entry().session());
            if (scheduled != mark.scheduled()) {
                changed.add(new ScheduledFlag(mark.entry(), scheduled));
            }
        }
        store.setScheduled(changed);
    }

    private static void addPupil(Map<String, Set<String>> pupilsBySchool, PupilKey pupil) {
        pupilsBySchool.computeIfAbsent(pupil.urn(), k -> new TreeSet<>()).add(pupil.upn());
    }

    private static Optional<AttendanceCode> lookup(String code, LocalDate sessionDate) {
        return CodeCatalogue.national().lookup(code, sessionDate);
    }

    private static boolean isThresholdCode(String code, LocalDate sessionDate) {
        return code != null
                && lookup(code, sessionDate).map(AttendanceCode::countsTowardsPenaltyThreshold).orElse(false);
    }

    private static Optional<CodeCategory> categoryOf(String code, LocalDate sessionDate) {
        return lookup(code, sessionDate).map(AttendanceCode::category);
    }
}
