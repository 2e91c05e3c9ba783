package org.attendanceledger.service.register;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.attendanceledger.service.infrastructure.BatchedWrites;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current value of every register entry and the idempotency keys that produced them, kept in the same transaction
 * as the mark events. It serves the current register and lets retries be recognised without replaying streams.
 */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class RegisterEntryDirectory {

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public RegisterEntryDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "register-entry");
    }

    @EventHandler
    void on(AttendanceMarkRecorded event,
            @MetaDataValue(RequestMetadata.IDEMPOTENCY_KEY) String idempotencyKey,
            @MetaDataValue(RequestMetadata.PAYLOAD_HASH) String payloadHash) {
        writes.add("""
                INSERT INTO register_entry (urn, session_date, session, upn, code, minutes_late, version)
                VALUES (?, ?, ?, ?, ?, ?, 1)""",
                event.urn(), Date.valueOf(event.date()), event.session().name(), event.upn(), event.code(),
                event.minutesLate());
        if (idempotencyKey != null) {
            writes.add("""
                    INSERT INTO mark_idempotency (urn, idempotency_key, payload_hash, entry_id) VALUES (?, ?, ?, ?)""",
                    event.urn(), idempotencyKey, payloadHash, event.entryId());
        }
    }

    @EventHandler
    void on(AttendanceMarkAmended event, @SequenceNumber long sequenceNumber) {
        writes.add("""
                UPDATE register_entry SET code = ?, minutes_late = ?, version = ?
                WHERE urn = ? AND session_date = ? AND session = ? AND upn = ?""",
                event.code(), event.minutesLate(), sequenceNumber + 1,
                event.urn(), Date.valueOf(event.date()), event.session().name(), event.upn());
    }

    public Optional<CurrentMark> find(String urn, String upn, LocalDate date, Session session) {
        return jdbc.query("""
                SELECT upn, code, minutes_late, version FROM register_entry
                WHERE urn = ? AND session_date = ? AND session = ? AND upn = ?""",
                (rs, i) -> new CurrentMark(rs.getString("upn"), rs.getString("code"),
                        (Integer) rs.getObject("minutes_late"), rs.getLong("version")),
                urn, Date.valueOf(date), session.name(), upn).stream().findFirst();
    }

    public List<CurrentMark> register(String urn, LocalDate date, Session session) {
        return jdbc.query("""
                SELECT upn, code, minutes_late, version FROM register_entry
                WHERE urn = ? AND session_date = ? AND session = ? ORDER BY upn""",
                (rs, i) -> new CurrentMark(rs.getString("upn"), rs.getString("code"),
                        (Integer) rs.getObject("minutes_late"), rs.getLong("version")),
                urn, Date.valueOf(date), session.name());
    }

    /** The current code of each of the pupil's given sessions that has an entry. */
    public Map<SessionSlot, String> currentCodes(String urn, String upn, List<SessionSlot> sessions) {
        Map<SessionSlot, String> codes = new HashMap<>();
        if (sessions.isEmpty()) {
            return codes;
        }
        jdbc.query("""
                SELECT e.session_date, e.session, e.code FROM register_entry e
                JOIN unnest(?::date[], ?::varchar[]) AS k(session_date, session)
                  ON e.session_date = k.session_date AND e.session = k.session
                WHERE e.urn = ? AND e.upn = ?""",
                rs -> {
                    codes.put(new SessionSlot(rs.getDate(1).toLocalDate(), Session.valueOf(rs.getString(2))),
                            rs.getString(3));
                },
                sessions.stream().map(slot -> Date.valueOf(slot.date())).toArray(Date[]::new),
                sessions.stream().map(slot -> slot.session().name()).toArray(String[]::new),
                urn, upn);
        return codes;
    }

    /** Which of the given entries (by entry id) already have an original entry. */
    public Set<String> existing(String urn, List<RegisterEntryId> ids) {
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT e.upn, e.session_date, e.session FROM register_entry e
                JOIN unnest(?::varchar[], ?::date[], ?::varchar[]) AS k(upn, session_date, session)
                  ON e.upn = k.upn AND e.session_date = k.session_date AND e.session = k.session
                WHERE e.urn = ?""",
                rs -> {
                    found.add(new RegisterEntryId(urn, rs.getString(1), rs.getDate(2).toLocalDate(),
                            Session.valueOf(rs.getString(3))).value());
                },
                ids.stream().map(RegisterEntryId::upn).toArray(String[]::new),
                ids.stream().map(id -> Date.valueOf(id.date())).toArray(Date[]::new),
                ids.stream().map(id -> id.session().name()).toArray(String[]::new),
                urn);
        return found;
    }

    /** The stored payload hash and entry for each idempotency key already used at the school. */
    public Map<String, KnownKey> knownKeys(String urn, Collection<String> keys) {
        Map<String, KnownKey> known = new HashMap<>();
        if (keys.isEmpty()) {
            return known;
        }
        jdbc.query("""
                SELECT k.idempotency_key, k.payload_hash, k.entry_id, e.version
                FROM mark_idempotency k
                LEFT JOIN register_entry e
                  ON k.entry_id = e.urn || ':' || e.upn || ':' || e.session_date || ':' || e.session
                WHERE k.urn = ? AND k.idempotency_key = ANY (?)""",
                rs -> {
                    known.put(rs.getString(1), new KnownKey(rs.getString(2), rs.getString(3), rs.getLong(4)));
                },
                urn, keys.toArray(String[]::new));
        return known;
    }

    /** A mark as the register reads now. */
    public record CurrentMark(String upn, String code, Integer minutesLate, long version) {
    }

    /** What an idempotency key was first used for. */
    public record KnownKey(String payloadHash, String entryId, long currentVersion) {
    }
}
