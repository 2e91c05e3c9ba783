package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.attendanceledger.service.infrastructure.EmbeddedPostgresServer;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Someone with the database superuser's power changes events behind the application's back; verification names the
 * logIndex. Each test puts the row back afterwards (as the superuser again), so the shared ledger stays intact.
 */
class TamperDetectionTest extends LedgerApiTest {

    @Autowired
    private EmbeddedPostgresServer postgres;

    /** Runs {@code change} as the superuser with triggers off (session_replication_role = replica), then undoes it. */
    private void tamper(String change, String undo, Runnable whileTampered) {
        JdbcTemplate superuser = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl()));
        superuser.execute("SET session_replication_role = replica; " + change);
        try {
            whileTampered.run();
        } finally {
            superuser.execute("SET session_replication_role = replica; " + undo);
        }
    }

    private long logIndexOfLastEventOf(String stream) {
        return jdbc.queryForObject("SELECT a.log_index FROM audit_log_entry a JOIN domain_event_entry d "
                + "ON d.global_index = a.global_index WHERE d.aggregate_identifier = ? "
                + "ORDER BY a.log_index DESC LIMIT 1", Long.class, stream);
    }

    @Test
    void a_payload_changed_by_the_superuser_is_named_by_its_log_index() {
        String urn = fixtures().school("201");
        awaitLogged();
        long logIndex = logIndexOfLastEventOf(urn);
        long globalIndex = jdbc.queryForObject("SELECT global_index FROM audit_log_entry WHERE log_index = ?",
                Long.class, logIndex);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, globalIndex);
        String forged = new String(original, StandardCharsets.UTF_8).replace("Example School", "Forged School");
        assertThat(forged).isNotEqualTo(new String(original, StandardCharsets.UTF_8));

        tamper("UPDATE domain_event_entry SET payload = convert_to('" + forged.replace("'", "''")
                        + "', 'UTF8') WHERE global_index = " + globalIndex,
                "UPDATE domain_event_entry SET payload = decode('" + java.util.HexFormat.of().formatHex(original)
                        + "', 'hex') WHERE global_index = " + globalIndex,
                () -> {
                    JsonNode result = api().get("/api/v1/audit/log/verify").body();
                    assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
                    assertThat(result.path("firstMismatch").path("logIndex").asLong()).isEqualTo(logIndex);
                    assertThat(result.path("firstMismatch").path("reason").asText()).isEqualTo("CHANGED");
                    JsonNode ranged = api().get("/api/v1/audit/log/verify?from=" + logIndex + "&to="
                            + (logIndex + 1)).body();
                    assertThat(ranged.path("firstMismatch").path("logIndex").asLong()).isEqualTo(logIndex);
                });

        assertThat(api().get("/api/v1/audit/log/verify").body().path("ok").asBoolean()).isTrue();
    }

    @Test
    void an_event_removed_by_the_superuser_is_named_missing() {
        String urn = fixtures().school("201");
        awaitLogged();
        long logIndex = logIndexOfLastEventOf(urn);
        long globalIndex = jdbc.queryForObject("SELECT global_index FROM audit_log_entry WHERE log_index = ?",
                Long.class, logIndex);

        tamper("CREATE TABLE removed_event AS SELECT * FROM domain_event_entry WHERE global_index = " + globalIndex
                        + "; DELETE FROM domain_event_entry WHERE global_index = " + globalIndex,
                "INSERT INTO domain_event_entry SELECT * FROM removed_event; DROP TABLE removed_event",
                () -> {
                    JsonNode result = api().get("/api/v1/audit/log/verify").body();
                    assertThat(result.path("firstMismatch").path("logIndex").asLong()).isEqualTo(logIndex);
                    assertThat(result.path("firstMismatch").path("reason").asText()).isEqualTo("MISSING");
                });
    }

    @Test
    void two_events_swapped_by_the_superuser_are_named_reordered_at_the_first_of_them() {
        String first = fixtures().school("201");
        String second = fixtures().school("201");
        awaitLogged();
        long firstLog = logIndexOfLastEventOf(first);
        long a = jdbc.queryForObject("SELECT global_index FROM audit_log_entry WHERE log_index = ?", Long.class,
                firstLog);
        long b = jdbc.queryForObject("SELECT global_index FROM audit_log_entry WHERE log_index = ?", Long.class,
                logIndexOfLastEventOf(second));
        String swap = "UPDATE domain_event_entry SET global_index = -1 WHERE global_index = " + a + "; "
                + "UPDATE domain_event_entry SET global_index = " + a + " WHERE global_index = " + b + "; "
                + "UPDATE domain_event_entry SET global_index = " + b + " WHERE global_index = -1";

        tamper(swap, swap, () -> {
            JsonNode result = api().get("/api/v1/audit/log/verify").body();
            assertThat(result.path("firstMismatch").path("logIndex").asLong()).isEqualTo(firstLog);
            assertThat(result.path("firstMismatch").path("reason").asText()).isEqualTo("REORDERED");
        });
    }

    @Test
    void a_stored_leaf_hash_forged_to_match_a_changed_event_is_caught_by_the_signed_heads() {
        String urn = fixtures().school("201");
        awaitLogged();
        long logIndex = logIndexOfLastEventOf(urn);
        byte[] hash = jdbc.queryForObject("SELECT leaf_hash FROM audit_log_entry WHERE log_index = ?", byte[].class,
                logIndex);
        byte[] forged = hash.clone();
        forged[0] ^= 1;
        String hex = java.util.HexFormat.of().formatHex(forged);
        // The stored leaf hash is forged but the event is not: the leaf check passes only if the forger also
        // changed the event to match; either way the signed head no longer agrees with the recomputed leaves.
        tamper("UPDATE audit_log_entry SET leaf_hash = decode('" + hex + "', 'hex') WHERE log_index = " + logIndex,
                "UPDATE audit_log_entry SET leaf_hash = decode('" + java.util.HexFormat.of().formatHex(hash)
                        + "', 'hex') WHERE log_index = " + logIndex,
                () -> {
                    JsonNode result = api().get("/api/v1/audit/log/verify").body();
                    assertThat(result.path("ok").asBoolean()).isFalse();
                    assertThat(result.path("firstMismatch").path("logIndex").asLong()).isEqualTo(logIndex);
                });
    }
}
