package org.attendanceledger.service.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

/** Idempotency keys live on the register-entry row, and every keyed post is remembered, DUPLICATE ones included. */
class IdempotencyKeyTest extends LedgerApiTest {

    private static Map<String, Object> keyed(Map<String, Object> mark, String key) {
        return with(mark, "idempotencyKey", key);
    }

    @Test
    void a_key_first_used_on_a_mark_already_stored_is_remembered_and_cannot_be_reused_for_another_mark() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/")));

        var duplicate = fixtures().postMarks(urn, List.of(keyed(mark(pupil, "2024-10-01", "AM", "/"), "resync-1")));
        var reused = fixtures().postMarks(urn, List.of(keyed(mark(pupil, "2024-10-02", "AM", "/"), "resync-1")));
        var retried = fixtures().postMarks(urn, List.of(keyed(mark(pupil, "2024-10-01", "AM", "/"), "resync-1")));

        assertThat(duplicate.body().at("/results/0/status").asText()).isEqualTo("DUPLICATE");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().at("/code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(retried.body().at("/results/0/status").asText()).isEqualTo("DUPLICATE");
        assertThat(eventsOf(urn, pupil, "2024-10-02")).isZero();
    }

    @Test
    void a_second_key_for_the_same_entry_is_remembered_beside_the_first() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(keyed(mark(pupil, "2024-10-01", "AM", "/"), "first")));

        var again = fixtures().postMarks(urn, List.of(keyed(mark(pupil, "2024-10-01", "AM", "/"), "second")));
        var reused = fixtures().postMarks(urn, List.of(keyed(mark(pupil, "2024-10-03", "PM", "N"), "second")));

        assertThat(again.body().at("/results/0/status").asText()).isEqualTo("DUPLICATE");
        assertThat(reused.body().at("/code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT idempotency_key, other_keys::text AS other_keys FROM register_entry
                WHERE urn = ? AND upn = ? AND session_date = '2024-10-01' AND session = 'AM'""", urn, pupil);
        assertThat(row.get("idempotency_key")).isEqualTo("first");
        assertThat((String) row.get("other_keys")).contains("\"second\"");
    }

    @Test
    void the_same_key_twice_in_one_register_for_the_same_session_and_payload_is_one_mark() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        var twice = keyed(mark(pupil, "2024-10-01", "AM", "/"), "twice");

        var response = fixtures().postMarks(urn, List.of(twice, twice));

        assertThat(response.body().findValuesAsText("status")).containsExactly("RECORDED", "DUPLICATE");
        assertThat(eventsOf(urn, pupil, "2024-10-01")).isEqualTo(1);
    }

    @Test
    void a_session_given_twice_in_one_register_with_different_marks_is_a_conflict_and_stores_nothing() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var response = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/"),
                mark(pupil, "2024-10-01", "AM", "N")));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().at("/errors/0/code").asText()).isEqualTo("MARK_CONFLICT");
        assertThat(response.body().at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(eventsOf(urn, pupil, "2024-10-01")).isZero();
    }

    private long eventsOf(String urn, String pupil, String date) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, urn + ":" + pupil + ":" + date + ":AM");
    }
}
