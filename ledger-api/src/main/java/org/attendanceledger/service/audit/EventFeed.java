package org.attendanceledger.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
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

    public List<FeedEvent> after(long position, int limit) {
        return jdbc.query("""
                SELECT global_index, payload_type, aggregate_identifier, sequence_number, payload, meta_data, time_stamp
                FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?""",
                (rs, i) -> {
                    String payloadType = rs.getString("payload_type");
                    return new FeedEvent(rs.getLong("global_index"),
                            payloadType.substring(payloadType.lastIndexOf('.') + 1), payloadType,
                            rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                            parse(rs.getBytes("payload")), parse(rs.getBytes("meta_data")),
                            Instant.parse(rs.getString("time_stamp")));
                },
                position, limit);
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
