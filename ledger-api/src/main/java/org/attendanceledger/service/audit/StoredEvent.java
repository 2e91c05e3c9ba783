package org.attendanceledger.service.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.attendanceledger.audit.LogLeaf;
import org.attendanceledger.service.infrastructure.RequestMetadata;

/**
 * A row of {@code domain_event_entry} as it reads now, and its log form. The one place that says how a stored event
 * becomes a leaf: the appender, the entries endpoint and verification all go through {@link #leaf(long, ObjectMapper)}.
 */
public record StoredEvent(long globalIndex, String eventId, String payloadType, String aggregateId, long sequence,
                          String payload, String metadata, String timeStamp) {

    /** The columns {@link #read} expects, for a SELECT over {@code domain_event_entry d}. */
    public static final String COLUMNS = "d.global_index, d.event_identifier, d.payload_type, d.aggregate_identifier, "
            + "d.sequence_number, d.payload, d.meta_data, d.time_stamp";

    public static StoredEvent read(ResultSet rs) throws SQLException {
        byte[] metadata = rs.getBytes("meta_data");
        return new StoredEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("payload_type"), rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                new String(rs.getBytes("payload"), StandardCharsets.UTF_8),
                metadata == null ? null : new String(metadata, StandardCharsets.UTF_8), rs.getString("time_stamp"));
    }

    /** The school of the stream: every school-scoped stream id is the URN or starts with the URN and ':'. */
    public String schoolUrn() {
        int colon = aggregateId.indexOf(':');
        return colon < 0 ? aggregateId : aggregateId.substring(0, colon);
    }

    /**
     * When the ledger received the request that caused the event (its metadata), else when Axon stored it. A streaming
     * read of the metadata's top level: the appender asks this of every event, and building the metadata's tree for
     * it was a tenth of the appender's time.
     */
    public String receivedAt(ObjectMapper json) {
        if (metadata != null) {
            try (JsonParser parser = json.getFactory().createParser(metadata)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (RequestMetadata.RECEIVED_AT.equals(field)) {
                            if (value == JsonToken.VALUE_STRING) {
                                return parser.getText();
                            }
                            break;
                        }
                        parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("stored event metadata is not JSON", e);
            }
        }
        return timeStamp;
    }

    public LogLeaf leaf(long logIndex, ObjectMapper json) {
        return new LogLeaf(logIndex, eventId, payloadType, aggregateId, sequence, payload, metadata,
                receivedAt(json));
    }

    public JsonNode payloadJson(ObjectMapper json) {
        return parse(json, payload);
    }

    static JsonNode parse(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not JSON", e);
        }
    }
}
