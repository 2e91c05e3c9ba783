package org.attendanceledger.service.register;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
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

    public RegisterEntryDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AttendanceMarkRecorded event,
            @MetaDataValue(RequestMetadata.IDEMPOTENCY_KEY) String idempotencyKey,
            @MetaDataValue(RequestMetadata.PAYLOAD_HASH) String payloadHash) {
        jdbc.update("""
                INSERT INTO register_entry (urn, session_date, session, upn, code, minutes_late, version)
                VALUES (?, ?, ?, ?, ?, ?, 1)""",
                event.urn(), Date.valueOf(event.date()), event.session().name(), event.upn(), event.code(),
                event.minutesLate());
        if (idempotencyKey != null) {
            jdbc.update("""
                    INSERT INTO mark_idempotency (urn, idempotency_key, payload_hash, entry_id) VALUES (?, ?, ?, ?)""",
                    event.urn(), idempotencyKey, payloadHash, event.entryId());
        }
    }

    @EventHandler
    void on(AttendanceMarkAmended event, @SequenceNumber long sequenceNumber) {
        jdbc.update("""
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
