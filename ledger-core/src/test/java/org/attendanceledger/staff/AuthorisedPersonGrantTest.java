package org.attendanceledger.staff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.staff.api.AuthorisedPersonGranted;
import org.attendanceledger.staff.api.GrantAuthorisedPerson;
import org.attendanceledger.staff.api.GrantScope;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class AuthorisedPersonGrantTest {

    private static final Actor HEAD = new Actor("Ann Head", "Headteacher", "S-HEAD");
    private static final Instant NOW = Instant.parse("2024-09-02T10:00:00Z");
    private static final LocalDate FROM = LocalDate.of(2024, 9, 1);
    private final AggregateTestFixture<AuthorisedPersonGrant> fixture =
            new AggregateTestFixture<>(AuthorisedPersonGrant.class);

    @Test
    void a_member_of_staff_is_granted_authority_from_a_date() {
        fixture.givenNoPriorActivity()
                .when(new GrantAuthorisedPerson("100001:g1", "100001", "S-SAL", "Sam Lead", "Senior attendance lead",
                        Set.of(GrantScope.AUTHORISE_ABSENCE), FROM, null, HEAD, NOW))
                .expectEvents(new AuthorisedPersonGranted("100001:g1", "100001", "S-SAL", "Sam Lead",
                        "Senior attendance lead", Set.of(GrantScope.AUTHORISE_ABSENCE), FROM, null, HEAD, NOW));
    }

    @Test
    void a_grant_cannot_end_before_it_starts() {
        fixture.givenNoPriorActivity()
                .when(new GrantAuthorisedPerson("100001:g1", "100001", "S-SAL", "Sam Lead", "Senior attendance lead",
                        Set.of(GrantScope.AUTHORISE_ABSENCE), FROM, FROM.minusDays(1), HEAD, NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
