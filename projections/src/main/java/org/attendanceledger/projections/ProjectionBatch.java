package org.attendanceledger.projections;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.RollStay;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.catalogue.AttendanceCode;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.penalty.PenaltyThresholdRule.CountAtMark;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.projections.ProjectionRows.Admission;
import org.attendanceledger.projections.ProjectionRows.BreachRow;
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
import org.attendanceledger.projections.query.KnownMarks;

/**
 * What one batch of events changes, written once when the batch's unit of work prepares to commit: one JDBC batch per
 * table rather than one statement per event.
 *
 * <p>The result depends only on the events, never on where batches happen to begin and end, so a rebuild equals the
 * incrementally kept tables. Marks are settled first against the calendars and stays as they stand at the end of the
 * batch. A mark change moves its pupil-year's counts by the difference between the code before and after the batch.
 * A calendar change, a stay that starts or ends, or a year-group exception can change which marks are scheduled at
 * all: the marks of that school-year or pupil are re-checked and their counts recomputed from the marks instead. The penalty threshold's
 * count at each mark it counts is recomputed for every pupil whose threshold marks, stays or school weeks changed, and
 * with it the versions of the pupil's marks at or over the threshold (the LA queue's breaches), one version per instant
 * at which the batch received something of the pupil's. A change that reaches a whole school is worked through
 * {@value #PUPILS_PER_CHUNK} pupils at a time.
 */
final class ProjectionBatch {

    /**
     * Pupils per read when a change reaches a whole school (a calendar amendment): the marks of a 500-pupil school's
     * year are about 190,000 rows, so they are rechecked and recounted this many pupils at a time, in the same order
     * and the same transaction, and memory stays flat however large the school.
     */
    static final int PUPILS_PER_CHUNK = 100;

    /** A date after every session, to read a pupil's marks as known at an instant without a period. */
    private static final LocalDate AFTER_EVERY_SESSION = LocalDate.of(9999, 12, 31);

    private final ProjectionStore store;
    private final PupilSchedules pupilSchedules;
    private final PenaltyThresholdRule thresholdRule;
    private final KnownMarks knownMarks;

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

    ProjectionBatch(ProjectionStore store, PupilSchedules pupilSchedules, PenaltyThresholdRule thresholdRule,
                    KnownMarks knownMarks) {
        this.store = store;
        this.pupilSchedules = pupilSchedules;
        this.thresholdRule = thresholdRule;
        this.knownMarks = knownMarks;
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
        recheckedPupils.forEach((urn, upns) -> chunks(upns).forEach(chunk -> recheckPupils(urn, chunk)));

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
        BatchInstants instants = new BatchInstants();
        recountedThresholds.forEach((urn, upns) ->
                chunks(upns).forEach(chunk -> recountThresholds(urn, chunk, instants)));
    }

    /**
     * The threshold's count at every mark it counts, and the versions of the marks at or over the threshold, for each
     * of the pupils: recomputed whole by the rule from the pupil's marks, a chunk of pupils at a time.
     */
    private void recountThresholds(String urn, List<String> upns, BatchInstants instants) {
        Map<PupilKey, List<SessionMark>> marks = store.thresholdCodeMarks(urn, upns);
        List<PupilKey> pupils = upns.stream().map(upn -> new PupilKey(urn, upn)).toList();
        Map<PupilKey, PupilSchedule> schedules = pupilSchedules.of(pupils);
        List<ThresholdCountRow> counts = new ArrayList<>();
        marks.forEach((pupil, pupilMarks) -> {
            for (CountAtMark count : thresholdRule.countsAtMarks(schedules.get(pupil), pupilMarks)) {
                SessionMark mark = count.mark();
                counts.add(new ThresholdCountRow(new EntryKey(urn, pupil.upn(), mark.date(), mark.session()),
                        count.count()));
            }
        });
        store.replaceThresholdCounts(urn, upns, counts);

        Map<PupilKey, List<BreachRow>> holding = store.currentBreaches(urn, upns);
        Map<PupilKey, Instant> recordedUntil = store.latestBreachInstants(urn, upns);
        BreachVersions versions = new BreachVersions();
        for (PupilKey pupil : pupils) {
            versions.follow(holding.getOrDefault(pupil, List.of()), recordedUntil.get(pupil), instants.of(pupil),
                    instant -> knownAt(pupil, instant, instants, schedules.get(pupil),
                            marks.getOrDefault(pupil, List.of())));
        }
        store.writeBreaches(versions.neverVisible, versions.closed, versions.added);
    }

    /**
     * The pupil's marks at or over the threshold as the ledger knew them at an instant of this batch. At the last
     * instant that is the pupil's state now. At an earlier one, the marks now are put back to what the batch's versions
     * said then; if the pupil's calendar or stays changed later in the batch, the marks and the schedule are instead
     * read as known at the instant (rare: a calendar or roll change in the same batch as later marks).
     */
    private List<BreachRow> knownAt(PupilKey pupil, Instant instant, BatchInstants instants, PupilSchedule scheduleNow,
                                    List<SessionMark> marksNow) {
        if (instant.equals(instants.of(pupil).last())) {
            return breaches(pupil, scheduleNow, marksNow, instant);
        }
        if (instants.scheduleChangedAfter(pupil, instant)) {
            return breaches(pupil, pupilSchedules.of(pupil, instant),
                    knownMarks.ofPupil(pupil, thresholdRule.countsFrom(), AFTER_EVERY_SESSION, instant), instant);
        }
        Map<EntryKey, List<MarkVersionRow>> changed = instants.versions.getOrDefault(pupil, Map.of());
        List<SessionMark> marks = new ArrayList<>();
        for (SessionMark mark : marksNow) {
            if (!changed.containsKey(new EntryKey(pupil.urn(), pupil.upn(), mark.date(), mark.session()))) {
                marks.add(mark);
            }
        }
        changed.forEach((entry, entryVersions) -> {
            String code = null;
            for (MarkVersionRow version : entryVersions) {
                if (!version.receivedAt().isAfter(instant)) {
                    code = version.code();
                }
            }
            EntryChange change = entries.get(entry);
            if (code == null && change.existedBefore()) {
                code = change.codeBefore();
            }
            if (code != null) {
                // The rule itself keeps only the threshold's codes on scheduled sessions.
                marks.add(new SessionMark(entry.date(), entry.session(), code));
            }
        });
        return breaches(pupil, scheduleNow, marks, instant);
    }

    private List<BreachRow> breaches(PupilKey pupil, PupilSchedule schedule, List<SessionMark> marks,
                                     Instant knownFrom) {
        return thresholdRule.marksAtThreshold(schedule, marks).stream()
                .map(mark -> new BreachRow(pupil, stayCovering(schedule, mark.mark().date()), mark, knownFrom, null))
                .toList();
    }

    /** A counted mark is on a session the pupil is expected at, so some stay covers its date. */
    private static LocalDate stayCovering(PupilSchedule schedule, LocalDate date) {
        return schedule.stays().stream().filter(stay -> stay.covers(date)).map(RollStay::startingDay).findFirst()
                .orElseThrow(() -> new IllegalStateException("a counted mark on " + date + " outside every stay"));
    }

    /**
     * When the ledger received each of the batch's events, by the pupils they concern: a pupil's marks at the
     * threshold get a version for each instant at which anything of theirs arrived, so that the table reads the same
     * whichever events the processor happened to put in one batch.
     */
    private final class BatchInstants {

        private final Map<PupilKey, NavigableSet<Instant>> byPupil = new HashMap<>();
        private final Map<PupilKey, NavigableSet<Instant>> scheduleByPupil = new HashMap<>();
        private final Map<String, NavigableSet<Instant>> calendarBySchool = new HashMap<>();
        private final Map<PupilKey, Map<EntryKey, List<MarkVersionRow>>> versions = new HashMap<>();

        BatchInstants() {
            for (MarkVersionRow version : markVersions) {
                add(byPupil, version.entry().pupil(), version.receivedAt());
                versions.computeIfAbsent(version.entry().pupil(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(version.entry(), k -> new ArrayList<>()).add(version);
            }
            admissions.forEach(a -> add(scheduleByPupil, a.pupil(), a.receivedAt()));
            departures.forEach(d -> add(scheduleByPupil, d.pupil(), d.receivedAt()));
            yearGroupExceptions.forEach(e -> add(scheduleByPupil, e.pupil(), e.receivedAt()));
            calendars.forEach(c -> add(calendarBySchool, c.urn(), c.receivedAt()));
        }

        NavigableSet<Instant> of(PupilKey pupil) {
            NavigableSet<Instant> instants = new TreeSet<>(byPupil.getOrDefault(pupil, Collections.emptyNavigableSet()));
            instants.addAll(scheduleByPupil.getOrDefault(pupil, Collections.emptyNavigableSet()));
            instants.addAll(calendarBySchool.getOrDefault(pupil.urn(), Collections.emptyNavigableSet()));
            return instants;
        }

        boolean scheduleChangedAfter(PupilKey pupil, Instant instant) {
            return scheduleByPupil.getOrDefault(pupil, Collections.emptyNavigableSet()).higher(instant) != null
                    || calendarBySchool.getOrDefault(pupil.urn(), Collections.emptyNavigableSet())
                            .higher(instant) != null;
        }

        private static <K> void add(Map<K, NavigableSet<Instant>> instants, K key, Instant instant) {
            instants.computeIfAbsent(key, k -> new TreeSet<>()).add(instant);
        }
    }

    /**
     * The writes that move a pupil's stored versions along the states the batch went through. A version that still
     * says the same is kept; one that does not is closed at the instant it stopped holding, or removed if it began at
     * that same instant (it was never visible: the events of one instant arrived in two batches).
     */
    static final class BreachVersions {

        final List<BreachRow> neverVisible = new ArrayList<>();
        final List<BreachRow> closed = new ArrayList<>();
        final List<BreachRow> added = new ArrayList<>();

        /**
         * Moves the pupil's versions through the states at each of the instants. Concurrent requests can commit out of
         * the order they were received in, so an instant may come before one the table already records
         * ({@code recordedUntil}, null when the pupil has no rows): the state it brings is then recorded from that
         * later instant, so that versions never overlap or run backwards. Every instant that maps to the same start is
         * settled by the state at the last of them, which includes the others.
         */
        void follow(List<BreachRow> stored, Instant recordedUntil, NavigableSet<Instant> instants,
                    Function<Instant, List<BreachRow>> stateAt) {
            Set<BreachRow> inTable = new HashSet<>(stored);
            Map<SessionSlot, BreachRow> holding = bySlot(stored);
            for (Instant received : instants) {
                Instant instant = recordedUntil != null && received.isBefore(recordedUntil) ? recordedUntil : received;
                Instant nextReceived = instants.higher(received);
                if (nextReceived != null && !nextReceived.isAfter(instant)) {
                    continue; // a later instant of the batch starts at the same point and settles this one too
                }
                Map<SessionSlot, BreachRow> next = bySlot(stateAt.apply(received).stream()
                        .map(row -> row.from(instant)).toList());
                for (BreachRow version : holding.values()) {
                    BreachRow successor = next.get(version.slot());
                    if (successor != null && successor.saysTheSameAs(version)) {
                        next.put(version.slot(), version);
                    } else {
                        end(version, instant, inTable.contains(version));
                    }
                }
                holding = next;
            }
            holding.values().stream().filter(version -> !inTable.contains(version)).forEach(added::add);
        }

        private void end(BreachRow version, Instant instant, boolean inTable) {
            boolean visible = version.knownFrom().isBefore(instant);
            if (inTable && visible) {
                closed.add(version.until(instant));
            } else if (inTable) {
                neverVisible.add(version);
            } else if (visible) {
                added.add(version.until(instant)); // began and ended within this batch: kept as history
            }
        }

        private static Map<SessionSlot, BreachRow> bySlot(List<BreachRow> rows) {
            Map<SessionSlot, BreachRow> bySlot = new LinkedHashMap<>();
            rows.forEach(row -> bySlot.put(row.slot(), row));
            return bySlot;
        }
    }

    private static List<List<String>> chunks(Collection<String> upns) {
        List<String> ordered = List.copyOf(upns);
        List<List<String>> chunks = new ArrayList<>();
        for (int start = 0; start < ordered.size(); start += PUPILS_PER_CHUNK) {
            chunks.add(ordered.subList(start, Math.min(ordered.size(), start + PUPILS_PER_CHUNK)));
        }
        return chunks;
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

    /** Rechecks the school-year's marks a chunk of pupils at a time, then recounts its pupil-years in the database. */
    private void recheckSchoolYear(SchoolYear schoolYear) {
        List<String> pupils = store.pupilsWithMarks(schoolYear.urn(), schoolYear.academicYear());
        // A calendar is normally published before any mark: then there is nothing to recheck or recount.
        if (!pupils.isEmpty()) {
            for (List<String> chunk : chunks(pupils)) {
                recheck(store.scheduledFlags(schoolYear.urn(), schoolYear.academicYear(), chunk));
            }
            store.recountSchoolYear(schoolYear.urn(), schoolYear.academicYear());
        }
    }

    private void recheckPupils(String urn, List<String> upns) {
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
