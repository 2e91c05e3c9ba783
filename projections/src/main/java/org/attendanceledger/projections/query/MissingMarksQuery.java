package org.attendanceledger.projections.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
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

    public MissingMarksQuery(JdbcTemplate jdbc, PupilSchedules schedules) {
        this.jdbc = jdbc;
        this.schedules = schedules;
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
        List<SchoolMissingMarks> result = new ArrayList<>();
        for (String urn : urns) {
            result.add(ofSchool(urn, from, to, registerDue.getOrDefault(urn, slot -> false)));
        }
        return result;
    }

    private SchoolMissingMarks ofSchool(String urn, LocalDate from, LocalDate to, Predicate<SessionSlot> due) {
        List<PupilKey> pupils = jdbc.query("""
                SELECT DISTINCT upn FROM projection_enrolment
                WHERE urn = ? AND starting_day <= ? AND (last_day_on_roll IS NULL OR last_day_on_roll >= ?)
                ORDER BY upn""",
                (rs, i) -> new PupilKey(urn, rs.getString("upn")), urn, to, from);
        if (pupils.isEmpty()) {
            return new SchoolMissingMarks(urn, 0, List.of());
        }
        Map<PupilKey, PupilSchedule> pupilSchedules = schedules.of(pupils);
        // Registers fall due in session order, so the due sessions are those up to the last one due.
        List<SessionSlot> dueSchoolSessions = pupilSchedules.get(pupils.get(0)).timeline()
                .schoolSessions(from, to).stream().filter(due).toList();
        if (dueSchoolSessions.isEmpty()) {
            return new SchoolMissingMarks(urn, 0, List.of());
        }
        SessionSlot lastDue = dueSchoolSessions.get(dueSchoolSessions.size() - 1);
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
        // Pupils of a school mostly share their stays, and so their due sessions: work each pattern out once.
        Map<List<Object>, List<SessionSlot>> dueByStays = new HashMap<>();
        Map<SessionSlot, List<String>> missing = new TreeMap<>();
        int total = 0;
        for (PupilKey pupil : pupils) {
            PupilSchedule schedule = pupilSchedules.get(pupil);
            List<SessionSlot> dueSessions = dueByStays.computeIfAbsent(List.of(schedule.stays()),
                    key -> schedule.scheduledSessions(from, lastDue.date()).stream()
                            .filter(slot -> slot.compareTo(lastDue) <= 0).toList());
            if (markCounts.getOrDefault(pupil.upn(), 0) == dueSessions.size()) {
                continue; // every due session of the pupil has its mark
            }
            Set<SessionSlot> marked = markedSessions(pupil, from, to);
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

    private Set<SessionSlot> markedSessions(PupilKey pupil, LocalDate from, LocalDate to) {
        return new HashSet<>(jdbc.query("""
                SELECT session_date, session FROM projection_current_mark
                WHERE urn = ? AND upn = ? AND session_date BETWEEN ? AND ? AND scheduled""",
                (rs, i) -> new SessionSlot(rs.getObject("session_date", LocalDate.class),
                        Session.valueOf(rs.getString("session"))),
                pupil.urn(), pupil.upn(), from, to));
    }
}
