package org.attendanceledger.service.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A register policy change is known from when the ledger received it: as known at an earlier instant, the school's
 * registers close by the policy it had then (what missing marks as known at that instant judge by).
 */
class RegisterPolicyAsKnownAtTest extends LedgerApiTest {

    @Autowired
    SchoolDirectory schools;

    @Test
    void a_policy_change_received_after_the_instant_does_not_yet_decide_when_registers_close() throws Exception {
        String urn = fixtures().exampleSchool();
        Thread.sleep(5);
        Instant beforeTheChange = Instant.now();
        Thread.sleep(5);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("effectiveFrom", "2025-01-06");
        change.put("amRegisterStart", "09:00");
        change.put("pmRegisterStart", "13:30");
        change.put("registerWindowMinutes", 15);
        change.put("reason", "governors moved the register");
        change.put("by", Fixtures.HEAD);
        var changed = api().put("/api/v1/schools/" + urn + "/register-policy", change);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        LocalDate afterTheChange = LocalDate.parse("2025-01-07");

        var knownBefore = schools.find(urn, beforeTheChange).orElseThrow();
        var knownNow = schools.find(urn, Instant.now()).orElseThrow();
        var current = schools.find(urn).orElseThrow();

        assertThat(knownBefore.registerPolicies().changes()).isEmpty();
        assertThat(knownBefore.registerPolicy(afterTheChange).registerStart(org.attendanceledger.calendar.Session.AM))
                .hasToString("08:50");
        assertThat(knownNow.registerPolicies().changes()).containsOnlyKeys(LocalDate.parse("2025-01-06"));
        assertThat(knownNow.registerPolicy(afterTheChange).registerStart(org.attendanceledger.calendar.Session.AM))
                .hasToString("09:00");
        assertThat(current.registerPolicies().changes()).isEqualTo(knownNow.registerPolicies().changes());
        assertThat(jdbc.queryForObject("SELECT received_at IS NOT NULL FROM register_policy_change WHERE urn = ?",
                Boolean.class, urn)).as("the change keeps when it was received").isTrue();
    }
}
