package org.attendanceledger.service.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attendanceledger.access.api.ApiKeyIssued;
import org.attendanceledger.access.api.ApiKeyRevoked;
import org.attendanceledger.access.api.Role;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The write side's lookup of API keys, kept in step with the key events in the same transaction, and the hash of each
 * active key's token, which is deliberately not in any event.
 */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class ApiKeyDirectory {

    private final JdbcTemplate jdbc;

    public ApiKeyDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A key as the administration API shows it. */
    public record KeyRecord(String keyId, String name, Role role, List<String> schools, List<String> las,
                            Instant issuedAt, Instant revokedAt) {
    }

    /** An active key's scope and the hash its token must match. */
    record ActiveKey(LedgerPrincipal principal, byte[] tokenHash) {
    }

    @EventHandler
    void on(ApiKeyIssued event) {
        jdbc.update("""
                INSERT INTO api_key (key_id, name, role, schools, las, issued_at) VALUES (?, ?, ?, ?, ?, ?)""",
                event.keyId(), event.name(), event.role().name(), event.schools().toArray(String[]::new),
                event.las().toArray(String[]::new), Timestamp.from(event.issuedAt()));
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        jdbc.update("UPDATE api_key SET revoked_at = ? WHERE key_id = ?", Timestamp.from(event.revokedAt()),
                event.keyId());
        // A revoked key never authenticates again, so its hash has no further use.
        jdbc.update("DELETE FROM api_key_credential WHERE key_id = ?", event.keyId());
    }

    /** Called in the transaction that issues the key, so the key and its credential exist together or not at all. */
    void storeCredential(String keyId, byte[] tokenHash) {
        jdbc.update("INSERT INTO api_key_credential (key_id, token_hash) VALUES (?, ?)", keyId, tokenHash);
    }

    Optional<ActiveKey> findActive(String keyId) {
        return jdbc.query("""
                SELECT k.key_id, k.role, k.schools, k.las, c.token_hash
                FROM api_key k JOIN api_key_credential c ON c.key_id = k.key_id
                WHERE k.key_id = ? AND k.revoked_at IS NULL""",
                (rs, i) -> new ActiveKey(new LedgerPrincipal(rs.getString("key_id"), Role.valueOf(rs.getString("role")),
                        Set.copyOf(strings(rs.getArray("schools"))), Set.copyOf(strings(rs.getArray("las")))),
                        rs.getBytes("token_hash")),
                keyId).stream().findFirst();
    }

    public Optional<KeyRecord> find(String keyId) {
        return jdbc.query("""
                SELECT key_id, name, role, schools, las, issued_at, revoked_at FROM api_key WHERE key_id = ?""",
                (rs, i) -> record(rs), keyId).stream().findFirst();
    }

    private static KeyRecord record(ResultSet rs) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new KeyRecord(rs.getString("key_id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                strings(rs.getArray("schools")), strings(rs.getArray("las")), rs.getTimestamp("issued_at").toInstant(),
                revokedAt == null ? null : revokedAt.toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
