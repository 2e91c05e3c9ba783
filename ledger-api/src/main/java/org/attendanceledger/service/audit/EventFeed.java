package org.attendanceledger.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.attendanceledger.service.security.SchoolScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The global, ordered feed of every stored event, for auditors replaying history. */
@Component
public class EventFeed {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EventFeed(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One stored event; {@code position} is its place in the global order. */
    public record FeedEvent(long position, String type, String payloadType, String aggregateId, long sequence,
                            JsonNode payload, JsonNode metadata, Instant recordedAt) {
    }

    /**
     * The events of the schools in scope only. Every school-scoped stream id is the URN or starts with the URN and ':',
     * so the part before the first ':' names the school; streams of no school (API keys) are for unscoped callers.
     */
    public List<FeedEvent> after(long position, int limit, SchoolScope scope) {
        if (scope.everySchool()) {
            return jdbc.query("""
                    SELECT global_index, payload_type, aggregate_identifier, sequence_number, payload, meta_data,
                           time_stamp
                    FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?""",
                    this::event, position, limit);
        }
        return jdbc.query("""
                SELECT global_index, payload_type, aggregate_identifier, sequence_number, payload, meta_data, time_stamp
                FROM domain_event_entry
                WHERE global_index > ? AND split_part(aggregate_identifier, ':', 1) = ANY (?)
                ORDER BY global_index LIMIT ?""",
                this::event, position, scope.urns().toArray(String[]::new), limit);
    }

    private FeedEvent event(ResultSet rs, int row) throws SQLException {
        String payloadType = rs.getString("payload_type");
        return new FeedEvent(rs.getLong("global_index"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), payloadType,
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                parse(rs.getBytes("payload")), parse(rs.getBytes("meta_data")),
                Instant.parse(rs.getString("time_stamp")));
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not JSON", e);
        }
    }
}
