package org.attendanceledger.service.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.mark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;

class ConcurrentPostingTest extends LedgerApiTest {

    @Test
    void two_clients_racing_to_record_the_same_new_marks_store_each_mark_once() throws Exception {
        String urn = fixtures().exampleSchool();
        List<String> pupils = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pupils.add(fixtures().admit(urn, "2024-09-04"));
        }
        List<String> dates = List.of("2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07",
                "2024-10-08", "2024-10-09", "2024-10-10", "2024-10-11", "2024-10-14");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<LedgerClient.Response> responses = new ArrayList<>();
        try {
            for (String date : dates) {
                List<java.util.Map<String, Object>> register = pupils.stream().map(p -> mark(p, date, "AM", "/"))
                        .toList();
                Callable<LedgerClient.Response> post = () -> fixtures().postMarks(urn, register);
                List<Future<LedgerClient.Response>> race = List.of(clients.submit(post), clients.submit(post));
                for (Future<LedgerClient.Response> response : race) {
                    responses.add(response.get());
                }
            }
        } finally {
            clients.shutdown();
        }

        // The loser of each race looks again and finds the winner's marks: a duplicate, not an error.
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
                .isEqualTo(200));
        assertThat(responses.stream().flatMap(r -> r.body().findValuesAsText("status").stream()))
                .containsOnly("RECORDED", "DUPLICATE");
        Long stored = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?""", Long.class, urn + ":%:AM");
        assertThat(stored).isEqualTo((long) pupils.size() * dates.size());
        for (String date : dates) {
            var retry = fixtures().postMarks(urn, pupils.stream().map(p -> mark(p, date, "AM", "/")).toList());
            assertThat(retry.body().findValuesAsText("status")).containsOnly("DUPLICATE");
        }
    }
}
