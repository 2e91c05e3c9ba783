package org.attendanceledger.school;

import java.time.Instant;
import java.time.LocalTime;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.school.api.RegisterSchool;
import org.attendanceledger.school.api.SchoolRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class SchoolTest {

    private static final Actor ADMIN = new Actor("Ada Admin", "Ledger administrator", null);
    private static final Instant NOW = Instant.parse("2024-08-01T10:00:00Z");
    private final AggregateTestFixture<School> fixture = new AggregateTestFixture<>(School.class);

    @Test
    void a_school_is_registered_with_its_register_policy() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSchool("100001", "Example School", "201", LocalTime.of(8, 50), LocalTime.of(13, 15),
                        30, false, ADMIN, NOW))
                .expectEvents(new SchoolRegistered("100001", "Example School", "201", LocalTime.of(8, 50),
                        LocalTime.of(13, 15), 30, false, ADMIN, NOW));
    }

    @Test
    void a_register_window_of_45_minutes_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSchool("100001", "Example School", "201", LocalTime.of(8, 50), LocalTime.of(13, 15),
                        45, false, ADMIN, NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
