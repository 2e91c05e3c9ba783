package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A leaf's receivedAt is the metadata's own, found at its top level whatever comes before it, else Axon's time. */
class StoredEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORED_AT = "2025-03-03T09:00:00.123Z";

    private static StoredEvent withMetadata(String metadata) {
        return new StoredEvent(7, "e-1", "T", "100001", 0, "{}", metadata, STORED_AT);
    }

    @Test
    void received_at_is_read_from_the_top_level_of_the_metadata_past_nested_values() {
        assertThat(withMetadata("{\"traceId\":\"t\",\"nested\":{\"receivedAt\":\"no\"},\"list\":[1,{\"a\":[]}],"
                + "\"receivedAt\":\"2025-03-03T08:59:59.001Z\",\"after\":1}").receivedAt(JSON))
                .isEqualTo("2025-03-03T08:59:59.001Z");
    }

    @Test
    void without_a_textual_received_at_the_time_axon_stored_the_event_is_used() {
        assertThat(withMetadata(null).receivedAt(JSON)).isEqualTo(STORED_AT);
        assertThat(withMetadata("{\"traceId\":\"t\"}").receivedAt(JSON)).isEqualTo(STORED_AT);
        assertThat(withMetadata("{\"receivedAt\":17}").receivedAt(JSON)).isEqualTo(STORED_AT);
        assertThat(withMetadata("{\"receivedAt\":null}").receivedAt(JSON)).isEqualTo(STORED_AT);
        assertThat(withMetadata("[]").receivedAt(JSON)).isEqualTo(STORED_AT);
    }
}
