package org.attendanceledger.projections.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.attendance.AttendanceFigures;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.PupilSchedules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A pupil's attendance figures for any period, computed by the rule itself from the current register. */
@Component
public class AttendanceQuery {

    private final JdbcTemplate jdbc;
    private final PupilSchedules schedules;
    private final KnownMarks knownMarks;

    public AttendanceQuery(JdbcTemplate jdbc, PupilSchedules schedules, KnownMarks knownMarks) {
        this.jdbc = jdbc;
        this.schedules = schedules;
        this.knownMarks = knownMarks;
    }

    /** The figures as the ledger knew them at an instant (null: now), under the same rule. */
    public AttendanceFigures figures(PupilKey pupil, LocalDate from, LocalDate to, Instant knownAt) {
        if (knownAt == null) {
            return figures(pupil, from, to);
        }
        return AttendanceFigures.tally(schedules.of(pupil, knownAt), knownMarks.ofPupil(pupil, from, to, knownAt),
                from, to);
    }

    public AttendanceFigures figures(PupilKey pupil, LocalDate from, LocalDate to) {
        List<SessionMark> marks = jdbc.query("""
                SELECT session_date, session, code FROM projection_current_mark
                WHERE urn = ? AND upn = ? AND session_date BETWEEN ? AND ?""",
                (rs, i) -> new SessionMark(rs.getObject("session_date", LocalDate.class),
                        Session.valueOf(rs.getString("session")), rs.getString("code")),
                pupil.urn(), pupil.upn(), from, to);
        return AttendanceFigures.tally(schedules.of(pupil), marks, from, to);
    }
}
