package org.attendanceledger.projections;

import static org.attendanceledger.catalogue.CodeCategory.APPROVED_EDUCATIONAL_ACTIVITY;
import static org.attendanceledger.catalogue.CodeCategory.AUTHORISED_ABSENCE;
import static org.attendanceledger.catalogue.CodeCategory.NOT_POSSIBLE;
import static org.attendanceledger.catalogue.CodeCategory.PRESENT;
import static org.attendanceledger.catalogue.CodeCategory.UNAUTHORISED_ABSENCE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.penalty.PenaltyThresholdRule.MarkAtThreshold;
import org.attendanceledger.penalty.ThresholdWindow;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The attendance projection's SQL. Each write takes a whole batch of rows and sends it as one JDBC batch; counts by
 * category are recomputed set-wise in the database when a calendar or a stay changes.
 */
@Component
class ProjectionStore {

    /** Counts scheduled current marks by category into pupil-year rows; the WHERE clause is appended. */
    private static final String RECOUNT = """
            INSERT INTO projection_pupil_year (urn, academic_year, upn, present, approved_educational_activity,
                                               authorised_absence, unauthorised_absence, not_possible)
            SELECT urn, academic_year, upn,
                   count(*) FILTER (WHERE category = 'PRESENT'),
                   count(*) FILTER (WHERE category = 'APPROVED_EDUCATIONAL_ACTIVITY'),
                   count(*) FILTER (WHERE category = 'AUTHORISED_ABSENCE'),
                   count(*) FILTER (WHERE category = 'UNAUTHORISED_ABSENCE'),
                   count(*) FILTER (WHERE category = 'NOT_POSSIBLE')
            FROM projection_current_mark
            WHERE scheduled AND category IS NOT NULL AND\s""";

    private static final RowMapper<ScheduledFlag> SCHEDULED_FLAG = (rs, i) -> new ScheduledFlag(
            new EntryKey(rs.getString("urn"), rs.getString("upn"), rs.getObject("session_date", LocalDate.class),
                    Session.valueOf(rs.getString("session"))),
            rs.getBoolean("scheduled"));

    private final JdbcTemplate jdbc;

    ProjectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertSchools(List<SchoolRow> schools) {
        jdbc.batchUpdate("INSERT INTO projection_school (urn, la_code, name, received_at) VALUES (?, ?, ?, ?)",
                schools.stream().map(s -> new Object[] {s.urn(), s.laCode(), s.name(), timestamp(s.receivedAt())})
                        .toList());
    }

    void insertCalendars(List<CalendarRow> calendars) {
        jdbc.batchUpdate("""
                INSERT INTO projection_calendar (urn, academic_year, version, terms, closures, received_at)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?)""",
                calendars.stream().map(c -> new Object[] {c.urn(), c.academicYear().toString(), c.version(),
                        CalendarJson.writeTerms(c.terms()), CalendarJson.writeClosures(c.closures()),
                        timestamp(c.receivedAt())}).toList());
    }

    void insertStays(List<Admission> admissions) {
        jdbc.batchUpdate("""
                INSERT INTO projection_enrolment (urn, upn, starting_day, year_group, admitted_received_at)
                VALUES (?, ?, ?, ?, ?)""",
                admissions.stream().map(a -> new Object[] {a.pupil().urn(), a.pupil().upn(), a.startingDay(),
                        a.yearGroup(), timestamp(a.receivedAt())}).toList());
    }

    void endStays(List<Departure> departures) {
        jdbc.batchUpdate("""
                UPDATE projection_enrolment SET last_day_on_roll = ?, deleted_received_at = ?
                WHERE urn = ? AND upn = ? AND starting_day = ?""",
                departures.stream().map(d -> new Object[] {d.lastDayOnRoll(), timestamp(d.receivedAt()),
                        d.pupil().urn(), d.pupil().upn(), d.startingDay()}).toList());
    }

    /** Every exception is kept with when it was received; the latest per pupil and academic year is in force. */
    void upsertYearGroupExceptions(Collection<YearGroupException> exceptions) {
        jdbc.batchUpdate("""
                INSERT INTO projection_year_group_exception (urn, upn, academic_year, year_group, received_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (urn, upn, academic_year, received_at) DO UPDATE SET year_group = EXCLUDED.year_group""",
                exceptions.stream().map(e -> new Object[] {e.pupil().urn(), e.pupil().upn(),
                        e.academicYear().toString(), e.yearGroup(), timestamp(e.receivedAt())}).toList());
    }

    void insertMarkVersions(List<MarkVersionRow> versions) {
        jdbc.batchUpdate("""
                INSERT INTO projection_mark_version (urn, upn, session_date, session, version, code, minutes_late,
                                                     received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                versions.stream().map(v -> new Object[] {v.entry().urn(), v.entry().upn(), v.entry().date(),
                        v.entry().session().name(), v.version(), v.code(), v.minutesLate(),
                        timestamp(v.receivedAt())}).toList());
    }

    void upsertCurrentMarks(Collection<CurrentMarkRow> marks) {
        jdbc.batchUpdate("""
                INSERT INTO projection_current_mark (urn, upn, session_date, session, academic_year, version, code,
                                                     category, penalty_code, scheduled, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (urn, upn, session_date, session) DO UPDATE SET
                    version = EXCLUDED.version, code = EXCLUDED.code, category = EXCLUDED.category,
                    penalty_code = EXCLUDED.penalty_code, scheduled = EXCLUDED.scheduled,
                    received_at = EXCLUDED.received_at""",
                marks.stream().map(m -> new Object[] {m.entry().urn(), m.entry().upn(), m.entry().date(),
                        m.entry().session().name(), m.entry().academicYear().toString(), m.version(), m.code(),
                        m.category() == null ? null : m.category().name(), m.penaltyCode(), m.scheduled(),
                        timestamp(m.receivedAt())}).toList());
    }

    /** Adds each pupil-year's changes to its counts, creating the row on the pupil's first scheduled mark. */
    void addToPupilYears(Map<PupilYear, CategoryCounts> changes) {
        jdbc.batchUpdate("""
                INSERT INTO projection_pupil_year AS t (urn, academic_year, upn, present, approved_educational_activity,
                                                        authorised_absence, unauthorised_absence, not_possible)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (urn, academic_year, upn) DO UPDATE SET
                    present = t.present + EXCLUDED.present,
                    approved_educational_activity = t.approved_educational_activity
                                                    + EXCLUDED.approved_educational_activity,
                    authorised_absence = t.authorised_absence + EXCLUDED.authorised_absence,
                    unauthorised_absence = t.unauthorised_absence + EXCLUDED.unauthorised_absence,
                    not_possible = t.not_possible + EXCLUDED.not_possible""",
                changes.entrySet().stream().map(e -> new Object[] {e.getKey().urn(),
                        e.getKey().academicYear().toString(), e.getKey().upn(), e.getValue().get(PRESENT),
                        e.getValue().get(APPROVED_EDUCATIONAL_ACTIVITY), e.getValue().get(AUTHORISED_ABSENCE),
                        e.getValue().get(UNAUTHORISED_ABSENCE), e.getValue().get(NOT_POSSIBLE)}).toList());
    }

    List<ScheduledFlag> scheduledFlags(String urn, AcademicYear year, Collection<String> upns) {
        return jdbc.query("""
                SELECT urn, upn, session_date, session, scheduled FROM projection_current_mark
                WHERE urn = ? AND academic_year = ? AND upn = ANY (?)""", SCHEDULED_FLAG, urn, year.toString(),
                upns.toArray(String[]::new));
    }

    List<ScheduledFlag> scheduledFlags(String urn, Collection<String> upns) {
        return jdbc.query("""
                SELECT urn, upn, session_date, session, scheduled FROM projection_current_mark
                WHERE urn = ? AND upn = ANY (?)""", SCHEDULED_FLAG, urn, upns.toArray(String[]::new));
    }

    void setScheduled(List<ScheduledFlag> flags) {
        jdbc.batchUpdate("""
                UPDATE projection_current_mark SET scheduled = ?
                WHERE urn = ? AND upn = ? AND session_date = ? AND session = ?""",
                flags.stream().map(f -> new Object[] {f.scheduled(), f.entry().urn(), f.entry().upn(),
                        f.entry().date(), f.entry().session().name()}).toList());
    }

    void recountSchoolYear(String urn, AcademicYear year) {
        jdbc.update("DELETE FROM projection_pupil_year WHERE urn = ? AND academic_year = ?", urn, year.toString());
        jdbc.update(RECOUNT + "urn = ? AND academic_year = ? GROUP BY urn, academic_year, upn", urn, year.toString());
    }

    void recountPupils(String urn, Collection<String> upns) {
        String[] pupils = upns.toArray(String[]::new);
        jdbc.update("DELETE FROM projection_pupil_year WHERE urn = ? AND upn = ANY (?)", urn, pupils);
        jdbc.update(RECOUNT + "urn = ? AND upn = ANY (?) GROUP BY urn, academic_year, upn", urn, pupils);
    }

    /** The scheduled G, N, O and U marks of the pupils, in any year. */
    Map<PupilKey, List<SessionMark>> thresholdCodeMarks(String urn, Collection<String> upns) {
        Map<PupilKey, List<SessionMark>> marks = new HashMap<>();
        jdbc.query("""
                SELECT upn, session_date, session, code FROM projection_current_mark
                WHERE urn = ? AND upn = ANY (?) AND penalty_code AND scheduled""",
                rs -> {
                    marks.computeIfAbsent(new PupilKey(urn, rs.getString("upn")), k -> new ArrayList<>())
                            .add(new SessionMark(rs.getObject("session_date", LocalDate.class),
                                    Session.valueOf(rs.getString("session")), rs.getString("code")));
                },
                urn, upns.toArray(String[]::new));
        return marks;
    }

    /** The pupils of a school with a mark of a threshold code, scheduled or not. */
    List<String> pupilsWithThresholdCodes(String urn) {
        return jdbc.queryForList(
                "SELECT DISTINCT upn FROM projection_current_mark WHERE urn = ? AND penalty_code ORDER BY upn",
                String.class, urn);
    }

    /** Replaces every threshold count of the pupils with the ones given. */
    void replaceThresholdCounts(String urn, Collection<String> upns, List<ThresholdCountRow> counts) {
        jdbc.update("DELETE FROM projection_threshold_count WHERE urn = ? AND upn = ANY (?)", urn,
                upns.toArray(String[]::new));
        jdbc.batchUpdate("""
                INSERT INTO projection_threshold_count (urn, upn, session_date, session, window_count)
                VALUES (?, ?, ?, ?, ?)""",
                counts.stream().map(c -> new Object[] {c.entry().urn(), c.entry().upn(), c.entry().date(),
                        c.entry().session().name(), c.count()}).toList());
    }

    /** The versions of the pupils' marks at the threshold that hold now (known_until null), by pupil. */
    Map<PupilKey, List<BreachRow>> currentBreaches(String urn, Collection<String> upns) {
        Map<PupilKey, List<BreachRow>> rows = new HashMap<>();
        jdbc.query("""
                SELECT upn, starting_day, session_date, session, code, window_count, window_start, window_end,
                       sessions, known_from
                FROM projection_threshold_breach
                WHERE urn = ? AND upn = ANY (?) AND known_until IS NULL
                ORDER BY upn, session_date, session""",
                rs -> {
                    PupilKey pupil = new PupilKey(urn, rs.getString("upn"));
                    SessionMark mark = new SessionMark(rs.getObject("session_date", LocalDate.class),
                            Session.valueOf(rs.getString("session")), rs.getString("code"));
                    rows.computeIfAbsent(pupil, k -> new ArrayList<>()).add(new BreachRow(pupil,
                            rs.getObject("starting_day", LocalDate.class),
                            new MarkAtThreshold(mark, rs.getInt("window_count"),
                                    new ThresholdWindow(rs.getObject("window_start", LocalDate.class),
                                            rs.getObject("window_end", LocalDate.class)),
                                    EvidenceJson.read(rs.getString("sessions"))),
                            rs.getObject("known_from", OffsetDateTime.class).toInstant(), null));
                },
                urn, upns.toArray(String[]::new));
        return rows;
    }

    /**
     * The latest instant each pupil's breach rows record (a version's start or end), by pupil: a new version never
     * starts before it, so that history never runs backwards when events were committed out of receipt order.
     */
    Map<PupilKey, Instant> latestBreachInstants(String urn, Collection<String> upns) {
        Map<PupilKey, Instant> latest = new HashMap<>();
        jdbc.query("""
                SELECT upn, max(greatest(known_from, known_until)) AS latest FROM projection_threshold_breach
                WHERE urn = ? AND upn = ANY (?) GROUP BY upn""",
                rs -> {
                    latest.put(new PupilKey(urn, rs.getString("upn")),
                            rs.getObject("latest", OffsetDateTime.class).toInstant());
                },
                urn, upns.toArray(String[]::new));
        return latest;
    }

    /**
     * Writes the changes to the breach rows: versions that were never visible (superseded at the instant they began)
     * go, versions that stopped holding get their known_until, and the new ones are added, in that order. A new
     * version that begins at the very instant an earlier one of the same mark began replaces it: both say what held
     * from that instant, and the later computation has seen more of it. (The quick bench's amendments produced such a
     * pair that the never-visible rule missed; a duplicate key here stops the projection's segment, which is worse.)
     */
    void writeBreaches(List<BreachRow> neverVisible, List<BreachRow> closed, List<BreachRow> added) {
        if (neverVisible.isEmpty() && closed.isEmpty() && added.isEmpty()) {
            return; // most batches change no pupil's breaches: no round trips for them
        }
        // One version per mark and starting instant (as the database stores instants, to the microsecond): of two
        // computed for the same instant, the later one stands.
        Map<List<Object>, BreachRow> latestAdded = new LinkedHashMap<>();
        for (BreachRow row : added) {
            List<Object> key = List.of(row.pupil().urn(), row.pupil().upn(), row.slot().date(),
                    row.slot().session(), row.knownFrom().truncatedTo(ChronoUnit.MICROS));
            latestAdded.remove(key);
            latestAdded.put(key, row);
        }
        added = List.copyOf(latestAdded.values());
        jdbc.batchUpdate("""
                DELETE FROM projection_threshold_breach
                WHERE urn = ? AND upn = ? AND session_date = ? AND session = ? AND known_from = ?""",
                neverVisible.stream().map(b -> new Object[] {b.pupil().urn(), b.pupil().upn(), b.slot().date(),
                        b.slot().session().name(), timestamp(b.knownFrom())}).toList());
        jdbc.batchUpdate("""
                UPDATE projection_threshold_breach SET known_until = ?
                WHERE urn = ? AND upn = ? AND session_date = ? AND session = ? AND known_from = ?""",
                closed.stream().map(b -> new Object[] {timestamp(b.knownUntil()), b.pupil().urn(), b.pupil().upn(),
                        b.slot().date(), b.slot().session().name(), timestamp(b.knownFrom())}).toList());
        jdbc.batchUpdate("""
                INSERT INTO projection_threshold_breach (urn, upn, starting_day, session_date, session, code,
                                                         window_count, window_start, window_end, sessions,
                                                         known_from, known_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?)
                ON CONFLICT (urn, upn, session_date, session, known_from) DO UPDATE
                SET starting_day = EXCLUDED.starting_day, code = EXCLUDED.code,
                    window_count = EXCLUDED.window_count, window_start = EXCLUDED.window_start,
                    window_end = EXCLUDED.window_end, sessions = EXCLUDED.sessions,
                    known_until = EXCLUDED.known_until""",
                added.stream().map(b -> new Object[] {b.pupil().urn(), b.pupil().upn(), b.startingDay(),
                        b.slot().date(), b.slot().session().name(), b.mark().mark().code(), b.mark().count(),
                        b.mark().window().firstSchoolWeek(), b.mark().window().lastSchoolWeek(),
                        EvidenceJson.write(b.mark().sessions()), timestamp(b.knownFrom()),
                        b.knownUntil() == null ? null : timestamp(b.knownUntil())}).toList());
    }

    /** The pupils with a current mark in the school's academic year, in order: a recheck goes through them in chunks. */
    List<String> pupilsWithMarks(String urn, AcademicYear year) {
        return jdbc.queryForList("""
                SELECT DISTINCT upn FROM projection_current_mark WHERE urn = ? AND academic_year = ? ORDER BY upn""",
                String.class, urn, year.toString());
    }

    void clearAll() {
        jdbc.execute("TRUNCATE " + String.join(", ", ProjectionTables.ALL));
    }

    /**
     * An instant as the read tables store it: to the microsecond, cut rather than left to the server's rounding, so
     * that two instants this class compares or keys by are equal here exactly when they are equal in the table.
     */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
