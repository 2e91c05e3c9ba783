package org.attendanceledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackdatingTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-20T10:00:00Z");
    private static final Duration SEVEN_DAYS = Duration.parse("P7D");

    @Test
    void a_version_claimed_more_than_seven_days_before_it_was_received_is_backdated() {
        assertThat(Backdating.isBackdated(RECEIVED.minus(SEVEN_DAYS).minusSeconds(1), RECEIVED, SEVEN_DAYS)).isTrue();
    }

    @Test
    void exactly_seven_days_before_is_not_more_than_seven_days_and_is_not_backdated() {
        assertThat(Backdating.isBackdated(RECEIVED.minus(SEVEN_DAYS), RECEIVED, SEVEN_DAYS)).isFalse();
        assertThat(Backdating.isBackdated(RECEIVED.minusSeconds(60), RECEIVED, SEVEN_DAYS)).isFalse();
    }

    @Test
    void a_version_without_a_claimed_instant_is_not_called_backdated() {
        assertThat(Backdating.isBackdated(null, RECEIVED, SEVEN_DAYS)).isFalse();
    }
}
