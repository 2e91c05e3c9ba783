package org.attendanceledger.service.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.junit.jupiter.api.Test;

class MarkItemTest {

    private static MarkItem by(Actor actor) {
        return new MarkItem("A123456789012", LocalDate.of(2024, 10, 1), Session.AM, "/", null, null, actor,
                Instant.parse("2024-10-01T08:00:00Z"), "k");
    }

    @Test
    void payloads_that_fields_joined_with_a_separator_would_confuse_hash_differently() {
        assertThat(by(new Actor("Ann|Head", "Teacher", null)).payloadHash())
                .isNotEqualTo(by(new Actor("Ann", "Head|Teacher", null)).payloadHash());
        assertThat(by(new Actor("Ann", "", null)).payloadHash())
                .isNotEqualTo(by(new Actor("Ann", null, null)).payloadHash());
    }

    @Test
    void the_same_payload_hashes_the_same_whatever_its_key() {
        MarkItem one = by(new Actor("Ann", "Head", "S1"));
        MarkItem other = new MarkItem(one.upn(), one.date(), one.session(), one.code(), null, null, one.recordedBy(),
                one.recordedAt(), "another key");

        assertThat(one.payloadHash()).isEqualTo(other.payloadHash()).hasSize(64);
    }
}
