package org.attendanceledger.projections.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.projections.KnownAt;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.PupilSchedules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sessions whose register should have been taken but that have no mark for a pupil on roll (rules 1.1: a register
 * has no blanks). A session counts as scheduled for a pupil exactly as in the pupil's figures ({@link PupilSchedule}),
 * so every unmarked session of the figures whose register was due appears here and nothing else does.
 *
 * <p>Most pupils are complete: a count of each pupil's marks against the count of their due sessions finds the few
 * with blanks, and only theirs are listed session by session.
 */
@Component
public class MissingMarksQuery {

    private final JdbcTemplate jdbc;
    private final PupilSchedules schedules;
    private final KnownMarks knownMarks;

    public MissingMarksQuery(JdbcTemplate jdbc, PupilSchedules schedules, KnownMarks knownMarks) {
        this.jdbc = jdbc;
        this.schedules = schedules;
        this.knownMarks = knownMarks;
    }

    /** One session of a school with the pupils who have no mark for it. */
    public record MissingSession(LocalDate date, Session session, List<String> upns) {
    }

    /** A school's missing marks, session by session in order, and how many pupil-sessions they are. */
    public record SchoolMissingMarks(String urn, int missingMarks, List<MissingSession> sessions) {
    }

    /**
     * @param registerDue for each school, whether a session's register should have been taken by now (the school's
     *                    register policy decides when it closes)
     */
    public List<SchoolMissingMarks> between(Collection<String> urns, LocalDate from, LocalDate to,
                                            Map<String, Predicate<SessionSlot>> registerDue) {
        return between(urns, from, to, registerDue, null);
    }

    /**
     * The missing marks as the ledger knew them at an instant (null: now): the roll, calendars and register received
     * by then; {@code registerDue} then says which registers had closed by that instant.
     */
    public List<SchoolMissingMarks> between(Collection<String> urns, LocalDate from, LocalDate to,
                                            Map<String, Predicate<SessionSlot>> registerDue, Instant knownAt) {
        List<SchoolMissingMarks> result = new ArrayList<>();
        for (String urn : urns) {
            result.add(ofSchool(urn, from, to, registerDue.getOrDefault(urn, slot -> false), knownAt));
        }
        return result;
    }

    private SchoolMissingMarks ofSchool(String urn, LocalDate from, LocalDate to, Predicate<SessionSlot> due,
                                        Instant knownAt) {
        Timestamp at = KnownAt.timestamp(knownAt);
        List<PupilKey> pupils = jdbc.query("""
                SELECT DISTINCT upn FROM projection_enrolment
                WHERE urn = ? AND starting_day <= ?
                  AND (last_day_on_roll IS NULL OR last_day_on_roll >= ?
                       OR (?::timestamptz IS NOT NULL AND deleted_received_at > ?::timestamptz))
                  AND (?::timestamptz IS NULL OR admitted_received_at <= ?::timestamptz)
                ORDER BY upn""",
                (rs, i) -> new PupilKey(urn, rs.getString("upn")), urn, to, from, at, at, at, at);
        if (pupils.isEmpty()) {
            return new SchoolMissingMarks(urn, 0, List.of());
        }
        Map<PupilKey, PupilSchedule> pupilSchedules = schedules.of(pupils, knownAt);
        // Registers fall due in session order, so the due sessions are those up to the last one due.
        List<SessionSlot> dueSchoolSessions = pupilSchedules.get(pupils.get(0)).timeline()
                .schoolSessions(from, to).stream().filter(due).toList();
        if (dueSchoolSessions.isEmpty()) {
            return new SchoolMissingMarks(urn, 0, List.of());
        }
        SessionSlot lastDue = dueSchoolSessions.get(dueSchoolSessions.size() - 1);
        if (knownAt != null) {
            return missing(urn, pupils, pupilSchedules, from, lastDue, (pupil, dueCount) -> true,
                    knownMarked(urn, from, lastDue.date(), knownAt));
        }
        Map<String, Integer> markCounts = new HashMap<>();
        jdbc.query("""
                SELECT upn, count(*) AS marks FROM projection_current_mark
                WHERE urn = ? AND session_date >= ? AND scheduled
                  AND (session_date < ? OR (session_date = ? AND session <= ?))
                GROUP BY upn""",
                rs -> {
                    markCounts.put(rs.getString("upn"), rs.getInt("marks"));
                },
                urn, from, lastDue.date(), lastDue.date(), lastDue.session().name());
        // Every due session of a pupil with as many marks as due sessions has its mark: only the others are read.
        return missing(urn, pupils, pupilSchedules, from, lastDue,
                (pupil, dueCount) -> markCounts.getOrDefault(pupil.upn(), 0) != dueCount,
                pupil -> markedSessions(pupil, from, to));
    }

    private SchoolMissingMarks missing(String urn, List<PupilKey> pupils, Map<PupilKey, PupilSchedule> pupilSchedules,
                                       LocalDate from, SessionSlot lastDue,
                                       BiPredicate<PupilKey, Integer> mayHaveBlanks,
                                       Function<PupilKey, Set<SessionSlot>> markedOf) {
        // Pupils of a school mostly share their stays, and so their due sessions: work each pattern out once.
        Map<List<Object>, List<SessionSlot>> dueByStays = new HashMap<>();
        Map<SessionSlot, List<String>> missing = new TreeMap<>();
        int total = 0;
        for (PupilKey pupil : pupils) {
            PupilSchedule schedule = pupilSchedules.get(pupil);
            List<SessionSlot> dueSessions = dueByStays.computeIfAbsent(List.of(schedule.stays()),
                    key -> schedule.scheduledSessions(from, lastDue.date()).stream()
                            .filter(slot -> slot.compareTo(lastDue) <= 0).toList());
            if (!mayHaveBlanks.test(pupil, dueSessions.size())) {
                continue;
            }
            Set<SessionSlot> marked = markedOf.apply(pupil);
            for (SessionSlot slot : dueSessions) {
                if (!marked.contains(slot)) {
                    missing.computeIfAbsent(slot, s -> new ArrayList<>()).add(pupil.upn());
                    total++;
                }
            }
        }
        List<MissingSession> sessions = new ArrayList<>();
        missing.forEach((slot, upns) -> sessions.add(new MissingSession(slot.date(), slot.session(), upns)));
        return new SchoolMissingMarks(urn, total, sessions);
    }

    /** The sessions each pupil of the school had a mark for, as known at the instant. */
    private Function<PupilKey, Set<SessionSlot>> knownMarked(String urn, LocalDate from, LocalDate to,
                                                             Instant knownAt) {
        Map<PupilKey, List<SessionMark>> marks = knownMarks.ofSchools(List.of(urn), from, to, knownAt);
        return pupil -> marks.getOrDefault(pupil, List.of()).stream().map(SessionMark::slot)
                .collect(Collectors.toSet());
    }

    private Set<SessionSlot> markedSessions(PupilKey pupil, LocalDate from, LocalDate to) {
        return new HashSet<>(jdbc.query("""
                SELECT session_date, session FROM projection_current_mark
                WHERE urn = ? AND upn = ? AND session_date BETWEEN ? AND ? AND scheduled""",
                (rs, i) -> new SessionSlot(rs.getObject("session_date", LocalDate.class),
                        Session.valueOf(rs.getString("session"))),
                pupil.urn(), pupil.upn(), from, to));
    }
}
