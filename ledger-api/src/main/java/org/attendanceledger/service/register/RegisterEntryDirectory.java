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
import org.attendanceledger.register.RegisterEntryDecisions.EntryState;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.attendanceledger.service.infrastructure.BatchedWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The current value of every register entry and the idempotency keys used for it, kept in the same transaction as the
 * mark events: a posted register writes the rows of the entries it creates, and amendments (from the API and the
 * automatic N conversion) update them through the handler below. It serves the current register and lets retries be
 * recognised without replaying streams.
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

    /**
     * The row of an entry a posted register has just created, written by the register itself in its own transaction
     * (one JDBC batch per register at commit) rather than by a handler re-dispatching every event. The idempotency key
     * that created it lives on the row; should another request have created the entry first, the primary key (or the
     * key's unique index) refuses this row and the register is looked at again.
     */
    public void created(EntryState entry, String idempotencyKey, String payloadHash) {
        writes.add("""
                INSERT INTO register_entry (urn, session_date, session, upn, code, minutes_late, version,
                                            idempotency_key, payload_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                entry.urn(), Date.valueOf(entry.date()), entry.session().name(), entry.upn(), entry.current().code(),
                entry.current().minutesLate(), entry.version(), idempotencyKey,
                idempotencyKey == null ? null : payloadHash);
    }

    /**
     * A keyed post that found its mark already there (DUPLICATE) is remembered too, so that the key, reused for a
     * different mark, is an idempotency conflict. The entry's first key takes the key columns (and a key recorded
     * before hashes were canonical gets its hash now); other keys join {@code other_keys}. The SET expressions all
     * read the row as it was, so each CASE sees the old key.
     */
    public void keyFoundDuplicate(RegisterEntryId entry, String idempotencyKey, String payloadHash) {
        writes.add("""
                UPDATE register_entry
                SET idempotency_key = COALESCE(idempotency_key, ?),
                    payload_hash = CASE WHEN idempotency_key IS NULL OR idempotency_key = ?
                                        THEN COALESCE(payload_hash, ?) ELSE payload_hash END,
                    other_keys = CASE WHEN idempotency_key IS NULL OR idempotency_key = ? THEN other_keys
                                      ELSE COALESCE(other_keys, '{}'::jsonb) || jsonb_build_object(?::text, ?::text)
                                 END
                WHERE urn = ? AND session_date = ? AND session = ? AND upn = ?""",
                idempotencyKey, idempotencyKey, payloadHash, idempotencyKey, idempotencyKey, payloadHash,
                entry.urn(), Date.valueOf(entry.date()), entry.session().name(), entry.upn());
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
        // Each column against its own array, so the primary key (urn, session_date, session, upn) is searched with
        // every condition as an index condition whatever plan the prepared statement settles on; a join with an
        // unnest() of the ids was planned as a scan of the school's every entry (pg_stat_statements: half of
        // PostgreSQL's time during a benchmark's ingest). The arrays' cross product can name a session not asked for;
        // the exact ids are kept below.
        Set<String> asked = new HashSet<>();
        ids.forEach(id -> asked.add(id.value()));
        jdbc.query("""
                SELECT upn, session_date, session FROM register_entry
                WHERE urn = ? AND session_date = ANY (?) AND session = ANY (?) AND upn = ANY (?)""",
                rs -> {
                    String id = new RegisterEntryId(urn, rs.getString(1), rs.getDate(2).toLocalDate(),
                            Session.valueOf(rs.getString(3))).value();
                    if (asked.contains(id)) {
                        found.add(id);
                    }
                },
                urn,
                ids.stream().map(id -> Date.valueOf(id.date())).distinct().toArray(Date[]::new),
                ids.stream().map(id -> id.session().name()).distinct().toArray(String[]::new),
                ids.stream().map(RegisterEntryId::upn).distinct().toArray(String[]::new));
        return found;
    }

    /**
     * What each of the given idempotency keys was already used for at the school: one indexed read of the entries'
     * own key columns, plus the keys that later found an entry already there.
     */
    public Map<String, KnownKey> knownKeys(String urn, Collection<String> keys) {
        Map<String, KnownKey> known = new HashMap<>();
        if (keys.isEmpty()) {
            return known;
        }
        String[] asked = keys.toArray(String[]::new);
        RowCallbackHandler row = rs -> {
            known.put(rs.getString(1), new KnownKey(rs.getString(2), new RegisterEntryId(urn, rs.getString(3),
                    rs.getDate(4).toLocalDate(), Session.valueOf(rs.getString(5))).value(), rs.getLong(6)));
        };
        // One probe of the unique (urn, idempotency_key) index per key. OFFSET 0 keeps the lateral subquery a
        // subquery, so PostgreSQL cannot turn the lookup into a join or an "= ANY" filter, which it planned, on
        // statistics from when the table was small, as a scan of the school's every entry (pg_stat_statements: the
        // write path's costliest statement during a benchmark's ingest).
        jdbc.query("""
                SELECT e.idempotency_key, e.payload_hash, e.upn, e.session_date, e.session, e.version
                FROM unnest(?::varchar[]) AS k(key)
                CROSS JOIN LATERAL (SELECT * FROM register_entry
                                    WHERE urn = ? AND idempotency_key = k.key OFFSET 0) e""", row, asked, urn);
        // Only the GIN index of the few entries with further keys is searched (?? is the JDBC escape of PostgreSQL's ?|
        // operator, "has any of these keys"), fenced by OFFSET 0 for the same reason; the school is checked on the rows
        // found, not by the primary key's index.
        jdbc.query("""
                SELECT k.key, k.value, e.upn, e.session_date, e.session, e.version
                FROM (SELECT * FROM register_entry WHERE other_keys IS NOT NULL AND other_keys ??| ? OFFSET 0) e,
                     jsonb_each_text(e.other_keys) AS k(key, value)
                WHERE e.urn = ? AND k.key = ANY (?)""", row, asked, urn, asked);
        return known;
    }

    /** A mark as the register reads now. */
    public record CurrentMark(String upn, String code, Integer minutesLate, long version) {
    }

    /**
     * What an idempotency key was used for: the payload's hash (null for keys recorded before hashes were canonical,
     * migration V440) and the entry, with its current version.
     */
    public record KnownKey(String payloadHash, String entryId, long currentVersion) {
    }
}
