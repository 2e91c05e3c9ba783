package org.attendanceledger.service.roll;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.catalogue.AttendanceCode;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.projections.KnownAt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions where the two schools of a dual registration contradict each other (rules 8.2, TC-38): both record the
 * pupil as attending (present or an approved educational activity), or both record {@code D}, each saying the pupil is
 * at the other. Read from the links (write side, kept with the admissions) and the projected register: the current
 * marks of scheduled sessions, or, as known at an instant, each entry's latest version received by then.
 */
@Component
public class DualRegistrationConflicts {

    public enum Conflict {
        BOTH_ATTENDING,
        BOTH_D
    }

    /** One school's mark in a conflict. */
    public record SchoolMark(String urn, String code) {
    }

    public record ConflictingSession(String upn, LocalDate date, Session session, Conflict conflict,
                                     List<SchoolMark> schools) {
    }

    private static final CodeCatalogue CATALOGUE = CodeCatalogue.national();

    /*
     * Each link is stored in both directions; urn < other_urn takes it once, and the pair's marks are read for the
     * days both stays cover. The candidates are every session with a mark at both schools; which pairs conflict is
     * the catalogue's call (categories on the session date), in Java, so the rule is the same for both sources.
     */
    private static final String LINKS = """
            WITH link AS (
                SELECT d.urn, d.other_urn, d.upn,
                       greatest(d.starting_day, d.other_starting_day, ?) AS first_day,
                       least(coalesce(a.last_day_on_roll, 'infinity'), coalesce(b.last_day_on_roll, 'infinity'), ?)
                           AS last_day
                FROM dual_registration d
                JOIN roll_period a ON a.urn = d.urn AND a.upn = d.upn AND a.starting_day = d.starting_day
                JOIN roll_period b ON b.urn = d.other_urn AND b.upn = d.upn AND b.starting_day = d.other_starting_day
                WHERE d.urn < d.other_urn AND (d.urn = ANY (?) OR d.other_urn = ANY (?))
                  AND (CAST(? AS TIMESTAMPTZ) IS NULL OR d.received_at <= ?)
            )
            """;

    private static final String NOW = LINKS + """
            SELECT l.upn, ma.session_date, ma.session, l.urn, ma.code AS code_a, l.other_urn, mb.code AS code_b
            FROM link l
            JOIN projection_current_mark ma ON ma.urn = l.urn AND ma.upn = l.upn
                 AND ma.session_date BETWEEN l.first_day AND l.last_day AND ma.scheduled
            JOIN projection_current_mark mb ON mb.urn = l.other_urn AND mb.upn = l.upn
                 AND mb.session_date = ma.session_date AND mb.session = ma.session AND mb.scheduled
            ORDER BY ma.session_date, ma.session, l.upn, l.urn, l.other_urn""";

    private static final String KNOWN_AT = LINKS + """
            SELECT l.upn, ma.session_date, ma.session, l.urn, ma.code AS code_a, l.other_urn, mb.code AS code_b
            FROM link l
            JOIN LATERAL (
                SELECT DISTINCT ON (session_date, session) session_date, session, code FROM projection_mark_version v
                WHERE v.urn = l.urn AND v.upn = l.upn AND v.session_date BETWEEN l.first_day AND l.last_day
                  AND v.received_at <= ?
                ORDER BY session_date, session, version DESC) ma ON true
            JOIN LATERAL (
                SELECT DISTINCT ON (session_date, session) session_date, session, code FROM projection_mark_version v
                WHERE v.urn = l.other_urn AND v.upn = l.upn AND v.session_date = ma.session_date
                  AND v.session = ma.session AND v.received_at <= ?
                ORDER BY session_date, session, version DESC) mb ON true
            ORDER BY ma.session_date, ma.session, l.upn, l.urn, l.other_urn""";

    private final JdbcTemplate jdbc;

    public DualRegistrationConflicts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The conflicts of the pupils dual registered at any of the schools, between two dates (both inclusive), in the
     * order date, session, UPN; known at the instant, or now when it is null.
     */
    public List<ConflictingSession> of(Collection<String> urns, LocalDate from, LocalDate to, Instant knownAt) {
        String[] schools = urns.toArray(String[]::new);
        Timestamp at = KnownAt.timestamp(knownAt);
        Object[] linkArgs = {from, to, schools, schools, at, at};
        Object[] args = knownAt == null ? linkArgs : append(linkArgs, at, at);
        List<ConflictingSession> found = new ArrayList<>();
        jdbc.query(knownAt == null ? NOW : KNOWN_AT, rs -> {
            LocalDate date = rs.getObject("session_date", LocalDate.class);
            String codeA = rs.getString("code_a");
            String codeB = rs.getString("code_b");
            Optional<Conflict> conflict = conflict(date, codeA, codeB);
            if (conflict.isPresent()) {
                found.add(new ConflictingSession(rs.getString("upn"), date, Session.valueOf(rs.getString("session")),
                        conflict.get(), List.of(new SchoolMark(rs.getString("urn"), codeA),
                                new SchoolMark(rs.getString("other_urn"), codeB))));
            }
        }, args);
        return found;
    }

    /** Both attending, or both D; anything else (one D and a mark at the other school) is the rule working. */
    static Optional<Conflict> conflict(LocalDate date, String codeA, String codeB) {
        if (DualRegistrationRules.DUAL_REGISTERED_CODE.equals(codeA)
                && DualRegistrationRules.DUAL_REGISTERED_CODE.equals(codeB)) {
            return Optional.of(Conflict.BOTH_D);
        }
        return attending(codeA, date) && attending(codeB, date) ? Optional.of(Conflict.BOTH_ATTENDING)
                : Optional.empty();
    }

    private static boolean attending(String code, LocalDate date) {
        return CATALOGUE.lookup(code, date).map(AttendanceCode::category).map(CodeCategory::isAttendance)
                .orElse(false);
    }

    private static Object[] append(Object[] first, Object... more) {
        Object[] all = new Object[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
