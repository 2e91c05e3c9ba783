package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReasonTextRedactionTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void every_reason_at_any_depth_is_withheld_and_everything_else_is_kept() throws Exception {
        JsonNode feed = json.readTree("""
                {"events": [
                  {"type": "AttendanceMarkAmended", "payload": {"code": "I", "previousCode": "O",
                    "reason": "seen by the school nurse", "amendedBy": {"name": "Ann Head"}}},
                  {"type": "CalendarAmended", "payload": {"reason": "flooded",
                    "closures": [{"date": "2025-01-06", "reason": "INSET"}]}},
                  {"type": "PupilAdmitted", "payload": {"upn": "A801200000011"}}
                ]}""");

        ReasonTextRedaction.withholdReasons(feed);

        assertThat(feed.toString()).doesNotContain("nurse", "flooded", "INSET");
        assertThat(feed.at("/events/0/payload/reason").isNull()).isTrue();
        assertThat(feed.at("/events/0/payload/code").asText()).isEqualTo("I");
        assertThat(feed.at("/events/0/payload/amendedBy/name").asText()).isEqualTo("Ann Head");
        assertThat(feed.at("/events/1/payload/closures/0/date").asText()).isEqualTo("2025-01-06");
        assertThat(feed.at("/events/2/payload").has("reason")).isFalse();
    }
}
