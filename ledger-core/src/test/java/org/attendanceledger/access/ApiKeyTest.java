package org.attendanceledger.access;

import java.time.Instant;
import java.util.List;
import org.attendanceledger.access.api.ApiKeyIssued;
import org.attendanceledger.access.api.ApiKeyRevoked;
import org.attendanceledger.access.api.IssueApiKey;
import org.attendanceledger.access.api.RevokeApiKey;
import org.attendanceledger.access.api.Role;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static final String KEY = "6f1c2d9e-0000-4000-8000-000000000001";
    private static final Actor ADMIN = new Actor("Ada Admin", "Ledger administrator", null);
    private static final Instant NOW = Instant.parse("2024-09-02T08:00:00Z");

    private final AggregateTestFixture<ApiKey> fixture = new AggregateTestFixture<>(ApiKey.class);

    private static IssueApiKey issue(Role role, List<String> schools, List<String> las) {
        return new IssueApiKey(KEY, " Example MIS ", role, schools, las, ADMIN, "bootstrap-admin", NOW);
    }

    @Test
    void an_mis_key_is_issued_with_its_schools_sorted_and_its_name_trimmed() {
        fixture.givenNoPriorActivity()
                .when(issue(Role.MIS, List.of("654321", "123456", "123456"), List.of()))
                .expectEvents(new ApiKeyIssued(KEY, "Example MIS", Role.MIS, List.of("123456", "654321"), List.of(),
                        ADMIN, "bootstrap-admin", NOW));
    }

    @Test
    void an_mis_key_needs_at_least_one_school() {
        fixture.givenNoPriorActivity()
                .when(issue(Role.MIS, List.of(), List.of()))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void an_la_officer_key_needs_at_least_one_la() {
        fixture.givenNoPriorActivity()
                .when(issue(Role.LA_OFFICER, List.of(), null))
                .expectException(RuleViolation.class);
    }

    @Test
    void an_admin_key_takes_no_scope() {
        fixture.givenNoPriorActivity()
                .when(issue(Role.ADMIN, List.of("123456"), List.of()))
                .expectException(RuleViolation.class);
    }

    @Test
    void an_auditor_key_may_be_unscoped() {
        fixture.givenNoPriorActivity()
                .when(issue(Role.AUDITOR, null, null))
                .expectEvents(new ApiKeyIssued(KEY, "Example MIS", Role.AUDITOR, List.of(), List.of(), ADMIN,
                        "bootstrap-admin", NOW));
    }

    @Test
    void a_school_must_be_named_by_a_six_digit_urn() {
        fixture.givenNoPriorActivity()
                .when(issue(Role.AUDITOR, List.of("12345"), List.of()))
                .expectException(RuleViolation.class);
    }

    @Test
    void revoking_a_key_records_who_revoked_it_and_when() {
        fixture.given(new ApiKeyIssued(KEY, "Example MIS", Role.MIS, List.of("123456"), List.of(), ADMIN,
                        "bootstrap-admin", NOW))
                .when(new RevokeApiKey(KEY, ADMIN, "bootstrap-admin", NOW.plusSeconds(60)))
                .expectEvents(new ApiKeyRevoked(KEY, ADMIN, "bootstrap-admin", NOW.plusSeconds(60)))
                .expectResultMessagePayload(true);
    }

    @Test
    void revoking_a_revoked_key_records_nothing() {
        fixture.given(new ApiKeyIssued(KEY, "Example MIS", Role.MIS, List.of("123456"), List.of(), ADMIN,
                        "bootstrap-admin", NOW),
                        new ApiKeyRevoked(KEY, ADMIN, "bootstrap-admin", NOW.plusSeconds(60)))
                .when(new RevokeApiKey(KEY, ADMIN, "bootstrap-admin", NOW.plusSeconds(120)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }
}
