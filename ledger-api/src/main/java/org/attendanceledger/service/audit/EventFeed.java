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

/**
 * The global, ordered feed of every stored event, for auditors replaying history. It pages by the tamper-evident
 * log's order, not by global_index: PostgreSQL hands global_index out before commit, so a transaction that commits late
 * with a lower index would slip behind an auditor who had already paged past it. The log appender gives each event its
 * logIndex once it is committed (waiting for gaps, see {@link LogAppender}), so paging by it never skips an event.
 * {@code position} is logIndex + 1, so that {@code after=0}, as before, starts at the beginning.
 */
@Component
public class EventFeed {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EventFeed(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One stored event; {@code position} is its place in the global order (its logIndex + 1). */
    public record FeedEvent(long position, long logIndex, String type, String payloadType, String aggregateId,
                            long sequence, JsonNode payload, JsonNode metadata, Instant recordedAt) {
    }

    /**
     * The events of the schools in scope only. Every school-scoped stream id is the URN or starts with the URN and ':',
     * so the part before the first ':' names the school; streams of no school (API keys) are for unscoped callers.
     */
    public List<FeedEvent> after(long position, int limit, SchoolScope scope) {
        String select = """
                SELECT a.log_index, d.payload_type, d.aggregate_identifier, d.sequence_number, d.payload, d.meta_data,
                       d.time_stamp
                FROM audit_log_entry a JOIN domain_event_entry d ON d.global_index = a.global_index
                WHERE a.log_index >= ?""";
        if (scope.everySchool()) {
            return jdbc.query(select + " ORDER BY a.log_index LIMIT ?", this::event, position, limit);
        }
        return jdbc.query(select + " AND a.school_urn = ANY (?) ORDER BY a.log_index LIMIT ?",
                this::event, position, scope.urns().toArray(String[]::new), limit);
    }

    private FeedEvent event(ResultSet rs, int row) throws SQLException {
        String payloadType = rs.getString("payload_type");
        long logIndex = rs.getLong("log_index");
        return new FeedEvent(logIndex + 1, logIndex,
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
