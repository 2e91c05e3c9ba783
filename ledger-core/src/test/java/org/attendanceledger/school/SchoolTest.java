package org.attendanceledger.school;

import java.time.Instant;
import java.time.LocalTime;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.school.api.AutomaticNConversionSet;
import org.attendanceledger.school.api.RegisterSchool;
import org.attendanceledger.school.api.SchoolRegistered;
import org.attendanceledger.school.api.SetAutomaticNConversion;
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
                        30, false, ADMIN, NOW, null, null))
                .expectEvents(new SchoolRegistered("100001", "Example School", "201", LocalTime.of(8, 50),
                        LocalTime.of(13, 15), 30, false, ADMIN, NOW, null, null));
    }

    @Test
    void a_register_window_of_45_minutes_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSchool("100001", "Example School", "201", LocalTime.of(8, 50), LocalTime.of(13, 15),
                        45, false, ADMIN, NOW, null, null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void automatic_n_conversion_needs_a_named_owner_with_a_position() {
        SchoolRegistered registered = new SchoolRegistered("100001", "Example School", "201", LocalTime.of(8, 50),
                LocalTime.of(13, 15), 30, false, ADMIN, NOW, null, null);
        Actor lead = new Actor("Sam Lead", "Senior Attendance Lead", "S-SAL");
        fixture.given(registered)
                .when(new SetAutomaticNConversion("100001", true, lead, "v3", ADMIN, NOW))
                .expectEvents(new AutomaticNConversionSet("100001", true, lead, "v3", ADMIN, NOW));
        fixture.given(registered)
                .when(new SetAutomaticNConversion("100001", true, new Actor("Sam Lead", null, null), "v3", ADMIN, NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
