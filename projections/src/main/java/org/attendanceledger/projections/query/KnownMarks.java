package org.attendanceledger.projections.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.projections.KnownAt;
import org.attendanceledger.projections.PupilKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The register as the ledger knew it at an instant: for each entry, the latest version received by then. Every
 * version is kept with when it was received, so an amendment made later replays as not yet made.
 */
@Component
public class KnownMarks {

    private final JdbcTemplate jdbc;

    public KnownMarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One pupil's mark for one session as known at the instant. */
    public record KnownMark(String upn, LocalDate date, Session session, String code, Integer minutesLate,
                            long version) {

        SessionMark sessionMark() {
            return new SessionMark(date, session, code);
        }
    }

    /** The marks of a pupil between two dates, both inclusive, as known at the instant. */
    public List<SessionMark> ofPupil(PupilKey pupil, LocalDate from, LocalDate to, Instant knownAt) {
        return jdbc.query("""
                SELECT DISTINCT ON (session_date, session) session_date, session, code FROM projection_mark_version
                WHERE urn = ? AND upn = ? AND session_date BETWEEN ? AND ? AND received_at <= ?
                ORDER BY session_date, session, version DESC""",
                (rs, i) -> new SessionMark(rs.getObject("session_date", LocalDate.class),
                        Session.valueOf(rs.getString("session")), rs.getString("code")),
                pupil.urn(), pupil.upn(), from, to, KnownAt.timestamp(knownAt));
    }

    /** The marks of every pupil of the schools between two dates, as known at the instant, by pupil. */
    public Map<PupilKey, List<SessionMark>> ofSchools(Collection<String> urns, LocalDate from, LocalDate to,
                                                      Instant knownAt) {
        Map<PupilKey, List<SessionMark>> marks = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (urn, upn, session_date, session) urn, upn, session_date, session, code
                FROM projection_mark_version
                WHERE urn = ANY (?) AND session_date BETWEEN ? AND ? AND received_at <= ?
                ORDER BY urn, upn, session_date, session, version DESC""",
                rs -> {
                    marks.computeIfAbsent(new PupilKey(rs.getString("urn"), rs.getString("upn")),
                            k -> new ArrayList<>()).add(new SessionMark(rs.getObject("session_date", LocalDate.class),
                            Session.valueOf(rs.getString("session")), rs.getString("code")));
                },
                urns.toArray(String[]::new), from, to, KnownAt.timestamp(knownAt));
        return marks;
    }

    /** The marks of some pupils between two dates, as known at the instant, by pupil. */
    public Map<PupilKey, List<SessionMark>> ofPupils(Collection<PupilKey> pupils, LocalDate from, LocalDate to,
                                                     Instant knownAt) {
        Map<PupilKey, List<SessionMark>> marks = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (v.urn, v.upn, v.session_date, v.session) v.urn, v.upn, v.session_date, v.session,
                       v.code
                FROM projection_mark_version v
                JOIN unnest(?::varchar[], ?::varchar[]) AS pupil (urn, upn) ON v.urn = pupil.urn AND v.upn = pupil.upn
                WHERE v.session_date BETWEEN ? AND ? AND v.received_at <= ?
                ORDER BY v.urn, v.upn, v.session_date, v.session, v.version DESC""",
                rs -> {
                    marks.computeIfAbsent(new PupilKey(rs.getString("urn"), rs.getString("upn")),
                            k -> new ArrayList<>()).add(new SessionMark(rs.getObject("session_date", LocalDate.class),
                            Session.valueOf(rs.getString("session")), rs.getString("code")));
                },
                pupils.stream().map(PupilKey::urn).toArray(String[]::new),
                pupils.stream().map(PupilKey::upn).toArray(String[]::new), from, to, KnownAt.timestamp(knownAt));
        return marks;
    }

    /** A session's register as known at the instant, by pupil. */
    public List<KnownMark> register(String urn, LocalDate date, Session session, Instant knownAt) {
        return jdbc.query("""
                SELECT DISTINCT ON (upn) upn, code, minutes_late, version FROM projection_mark_version
                WHERE urn = ? AND session_date = ? AND session = ? AND received_at <= ?
                ORDER BY upn, version DESC""",
                (rs, i) -> new KnownMark(rs.getString("upn"), date, session, rs.getString("code"),
                        (Integer) rs.getObject("minutes_late"), rs.getLong("version")),
                urn, date, session.name(), KnownAt.timestamp(knownAt));
    }
}
