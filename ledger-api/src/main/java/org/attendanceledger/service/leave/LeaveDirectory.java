package org.attendanceledger.service.leave;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.leave.GrantedLeave;
import org.attendanceledger.leave.api.LeaveDecision;
import org.attendanceledger.leave.api.LeaveOfAbsenceDecided;
import org.attendanceledger.leave.api.LeaveOfAbsenceRequested;
import org.attendanceledger.leave.api.LeaveOfAbsenceWithdrawn;
import org.attendanceledger.leave.api.LeaveRequester;
import org.attendanceledger.projections.KnownAt;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.attendance.SessionMark;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The school's requests for leave of absence and their decisions, kept in step with the leave events. */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class LeaveDirectory {

    private final JdbcTemplate jdbc;

    public LeaveDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A request as the school's list shows it (the circumstance stays in the event: it may be health data). */
    public record LeaveRequestView(String id, String upn, SessionSlot from, SessionSlot to, LeaveRequester requestedBy,
                                   Instant requestedAt, LeaveDecision decision, String code, LocalDate decidedOn,
                                   LocalDate withdrawnOn) {
    }

    /** A mark with a leave code on a session no granted leave covers. */
    public record LeaveWithoutDecision(String upn, LocalDate date, Session session, String code) {
    }

    @EventHandler
    void on(LeaveOfAbsenceRequested event, EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO leave_request (request_id, urn, upn, from_date, from_session, to_date, to_session,
                                           requested_by, recorded_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.requestId(), event.urn(), event.upn(), Date.valueOf(event.from().date()),
                event.from().session().name(), Date.valueOf(event.to().date()), event.to().session().name(),
                event.requestedBy().name(), Timestamp.from(event.recordedAt()), RequestMetadata.receivedAt(message));
    }

    @EventHandler
    void on(LeaveOfAbsenceDecided event, EventMessage<?> message) {
        jdbc.update("""
                UPDATE leave_request SET decision = ?, code = ?, decided_on = ?, decision_received_at = ?
                WHERE request_id = ?""",
                event.decision().name(), event.code(), Date.valueOf(event.decidedOn()),
                RequestMetadata.receivedAt(message), event.requestId());
    }

    @EventHandler
    void on(LeaveOfAbsenceWithdrawn event, EventMessage<?> message) {
        jdbc.update("UPDATE leave_request SET withdrawn_on = ?, withdrawn_received_at = ? WHERE request_id = ?",
                Date.valueOf(event.withdrawnOn()), RequestMetadata.receivedAt(message), event.requestId());
    }

    /**
     * Requests as known at an instant ({@code known.t}; null: now): those received by then, each with its decision
     * and withdrawal only if they too had been received. Joined with {@code (SELECT ?::timestamptz AS t) AS known}.
     */
    private static final String AS_KNOWN = """
            SELECT request_id, urn, upn, from_date, from_session, to_date, to_session, requested_by, recorded_at,
                   CASE WHEN known.t IS NULL OR decision_received_at <= known.t THEN decision END AS decision,
                   CASE WHEN known.t IS NULL OR decision_received_at <= known.t THEN code END AS code,
                   CASE WHEN known.t IS NULL OR decision_received_at <= known.t THEN decided_on END AS decided_on,
                   CASE WHEN known.t IS NULL OR withdrawn_received_at <= known.t THEN withdrawn_on END AS withdrawn_on
            FROM leave_request CROSS JOIN (SELECT ?::timestamptz AS t) AS known
            WHERE (known.t IS NULL OR received_at <= known.t)""";

    public Optional<LeaveRequestView> find(String urn, String requestId) {
        return jdbc.query("SELECT * FROM leave_request WHERE urn = ? AND request_id = ?", (rs, i) -> view(rs),
                urn, requestId).stream().findFirst();
    }

    /** A request already recorded with exactly these terms, so that a retried request records nothing twice. */
    public Optional<LeaveRequestView> findIdentical(String urn, String upn, SessionSlot from, SessionSlot to,
                                                    LeaveRequester requestedBy) {
        return jdbc.query("""
                SELECT * FROM leave_request WHERE urn = ? AND upn = ? AND from_date = ? AND from_session = ?
                  AND to_date = ? AND to_session = ? AND requested_by = ?""", (rs, i) -> view(rs),
                urn, upn, Date.valueOf(from.date()), from.session().name(), Date.valueOf(to.date()),
                to.session().name(), requestedBy.name()).stream().findFirst();
    }

    /**
     * The pupil's requests at the school whose sessions overlap the dates (both inclusive), decided or not, withdrawn
     * or not, in order of their first session: what an evidence bundle must show about leave.
     */
    public List<LeaveRequestView> overlapping(String urn, String upn, LocalDate from, LocalDate to) {
        return overlapping(urn, upn, from, to, null);
    }

    /** The same, as the ledger knew them at an instant (null: now). */
    public List<LeaveRequestView> overlapping(String urn, String upn, LocalDate from, LocalDate to, Instant knownAt) {
        return jdbc.query(AS_KNOWN + """
                 AND urn = ? AND upn = ? AND from_date <= ? AND to_date >= ?
                ORDER BY from_date, from_session, recorded_at, request_id""", (rs, i) -> view(rs),
                KnownAt.timestamp(knownAt), urn, upn, Date.valueOf(to), Date.valueOf(from));
    }

    /**
     * The school's marks with a leave code (C, C1, C2, J1, M, R, S, T) on sessions no granted leave covers, in order
     * of pupil and session: accepted, because paper decisions may lag (rules 5.3), but listed so that they are made.
     */
    public List<LeaveWithoutDecision> leaveWithoutDecision(String urn, LocalDate from, LocalDate to) {
        List<SessionMark> marks = new ArrayList<>();
        List<String> pupils = new ArrayList<>();
        jdbc.query("""
                SELECT upn, session_date, session, code FROM register_entry
                WHERE urn = ? AND code = ANY (?) AND session_date BETWEEN ? AND ?
                ORDER BY upn, session_date, session""", rs -> {
            pupils.add(rs.getString("upn"));
            marks.add(new SessionMark(rs.getObject("session_date", LocalDate.class),
                    Session.valueOf(rs.getString("session")), rs.getString("code")));
        }, urn, GrantedLeave.LEAVE_CODES.toArray(String[]::new), Date.valueOf(from), Date.valueOf(to));
        return withoutGrantedLeave(urn, pupils, marks, null);
    }

    /**
     * The same list as the ledger knew it at an instant: the marks as known then (from the projections' versions of
     * each mark, given in order of pupil and session) against the decisions known then.
     */
    public List<LeaveWithoutDecision> leaveWithoutDecision(String urn, Map<String, List<SessionMark>> knownMarks,
                                                           Instant knownAt) {
        List<SessionMark> marks = new ArrayList<>();
        List<String> pupils = new ArrayList<>();
        knownMarks.forEach((upn, ofPupil) -> ofPupil.stream()
                .filter(mark -> GrantedLeave.LEAVE_CODES.contains(mark.code()))
                .forEach(mark -> {
                    pupils.add(upn);
                    marks.add(mark);
                }));
        return withoutGrantedLeave(urn, pupils, marks, knownAt);
    }

    /** The marks (each with its pupil, at the same position) that no granted leave known at the instant covers. */
    private List<LeaveWithoutDecision> withoutGrantedLeave(String urn, List<String> pupils, List<SessionMark> marks,
                                                           Instant knownAt) {
        Map<String, List<GrantedLeave>> grants = new HashMap<>();
        jdbc.query("SELECT * FROM (" + AS_KNOWN + " AND urn = ?) AS request WHERE decision = 'GRANTED'", rs -> {
            grants.computeIfAbsent(rs.getString("upn"), k -> new ArrayList<>()).add(new GrantedLeave(
                    rs.getString("request_id"), rs.getString("upn"), slot(rs, "from"), slot(rs, "to"),
                    rs.getString("code"), rs.getObject("withdrawn_on", LocalDate.class)));
        }, KnownAt.timestamp(knownAt), urn);
        List<LeaveWithoutDecision> found = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            SessionMark mark = marks.get(i);
            SessionSlot session = new SessionSlot(mark.date(), mark.session());
            boolean covered = grants.getOrDefault(pupils.get(i), List.of()).stream()
                    .anyMatch(grant -> grant.covers(session));
            if (!covered) {
                found.add(new LeaveWithoutDecision(pupils.get(i), mark.date(), mark.session(), mark.code()));
            }
        }
        return found;
    }

    private static LeaveRequestView view(ResultSet rs) throws SQLException {
        String decision = rs.getString("decision");
        return new LeaveRequestView(rs.getString("request_id"), rs.getString("upn"), slot(rs, "from"),
                slot(rs, "to"), LeaveRequester.valueOf(rs.getString("requested_by")),
                rs.getTimestamp("recorded_at").toInstant(), decision == null ? null : LeaveDecision.valueOf(decision),
                rs.getString("code"), rs.getObject("decided_on", LocalDate.class),
                rs.getObject("withdrawn_on", LocalDate.class));
    }

    private static SessionSlot slot(ResultSet rs, String prefix) throws SQLException {
        return new SessionSlot(rs.getObject(prefix + "_date", LocalDate.class),
                Session.valueOf(rs.getString(prefix + "_session")));
    }
}
