package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import javax.sql.DataSource;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

class EventStoreTest extends LedgerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @FlywayDataSource
    private DataSource ownerDataSource;

    /** The application role has no UPDATE, DELETE or TRUNCATE privilege; the trigger guards even the owner. */
    @Test
    void the_trigger_still_refuses_to_update_delete_or_truncate_a_stored_event_even_for_the_schema_owner() {
        fixtures().exampleSchool();
        JdbcTemplate owner = new JdbcTemplate(ownerDataSource);

        assertThatThrownBy(() -> owner.update("UPDATE domain_event_entry SET payload_type = 'x'"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> owner.update("DELETE FROM domain_event_entry"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> owner.execute("TRUNCATE domain_event_entry"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThat(eventCount()).isPositive();
    }

    @Test
    void the_embedded_database_runs_with_fsync_and_synchronous_commit_on() {
        assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
    }

    @Test
    void payloads_are_bytea_json_not_large_objects() {
        String type = jdbc.queryForObject("""
                SELECT data_type FROM information_schema.columns
                WHERE table_name = 'domain_event_entry' AND column_name = 'payload'""", String.class);

        assertThat(type).isEqualTo("bytea");
    }

    @Test
    void a_mark_event_carries_who_when_and_as_metadata_when_received_and_the_idempotency_key() throws Exception {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "/"), "idempotencyKey", "K-meta")));

        var row = jdbc.queryForMap("""
                SELECT payload, meta_data, payload_type, type FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0""", urn + ":" + pupil + ":2024-10-01:AM");
        JsonNode payload = JSON.readTree((byte[]) row.get("payload"));
        JsonNode metadata = JSON.readTree((byte[]) row.get("meta_data"));

        assertThat(row.get("payload_type")).isEqualTo("org.attendanceledger.register.api.AttendanceMarkRecorded");
        assertThat(payload.path("recordedBy").path("name").asText()).isEqualTo("Tom Teacher");
        assertThat(payload.path("recordedBy").path("position").asText()).isEqualTo("Class teacher");
        assertThat(payload.path("recordedAt").asText()).isEqualTo("2024-10-01T07:55:00Z");
        assertThat(payload.path("codeSetVersion").asText()).isEqualTo("REG24");
        assertThat(metadata.path("receivedAt").asText()).isNotBlank();
        assertThat(metadata.path("idempotencyKey").asText()).isEqualTo("K-meta");
        assertThat(metadata.path("apiKeyId").asText()).isNotBlank();
        // Created through Axon's repository in the register's unit of work: Axon names the aggregate type and copies
        // the command's correlation metadata, as it does for every command.
        assertThat(row.get("type")).isEqualTo("RegisterEntry");
        assertThat(metadata.path("correlationId").asText()).isNotBlank();
        assertThat(metadata.path("traceId").asText()).isNotBlank();
    }

    @Test
    void events_identify_pupils_only_by_upn() {
        String urn = fixtures().exampleSchool();
        fixtures().admit(urn, "2024-09-04", "7");

        List<String> fields = jdbc.query("""
                SELECT DISTINCT jsonb_object_keys(convert_from(payload, 'UTF8')::jsonb) FROM domain_event_entry
                WHERE payload_type LIKE 'org.attendanceledger.roll.%'""", (rs, i) -> rs.getString(1));

        assertThat(fields).contains("upn").noneMatch(field -> field.toLowerCase().contains("name")
                && !field.equals("name"));
        assertThat(fields).doesNotContain("name", "pupilName", "firstName", "surname", "parentName");
    }
}
