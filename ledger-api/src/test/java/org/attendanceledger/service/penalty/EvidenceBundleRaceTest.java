package org.attendanceledger.service.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.register.EntryHistory;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The bundle reads the threshold from the projections and then each counted session's chain from the event store. The
 * race between the two reads is forced, not waited for: the chain read of one session first commits an amendment of
 * that session through HTTP, so the threshold already read counts the old code while the chain ends in the new one.
 * (A spy changes the application context, so this runs in a context of its own.)
 */
class EvidenceBundleRaceTest extends LedgerApiTest {

    @MockitoSpyBean
    private EntryHistory history;

    @Test
    void an_amendment_committed_between_the_threshold_read_and_the_chain_read_is_read_again_never_mixed() {
        String urn = fixtures().exampleSchool("313");
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "G", "2024-10-03", "2024-10-04"));
        marks.addAll(allDay(upn, "U", "2024-11-25", "2024-11-26", "2024-11-27"));
        fixtures().recordMarks(urn, marks);
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        awaitLogged();
        RegisterEntryId raced = new RegisterEntryId(urn, upn, LocalDate.parse("2024-10-03"), Session.AM);
        AtomicBoolean amendOnce = new AtomicBoolean(true);
        doAnswer(read -> {
            if (raced.equals(read.getArgument(0)) && amendOnce.getAndSet(false)) {
                var amended = fixtures().amend(urn, upn, "2024-10-03", "AM", "O", "recoded", HEAD,
                        "2024-10-07T10:00:00Z");
                assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
                // Logged and under a signed head at once, so that waiting for the log cannot hide the race.
                awaitLogged();
            }
            return read.callRealMethod();
        }).when(history).of(any());

        var response = api().get("/api/v1/schools/" + urn + "/pupils/" + upn
                + "/penalty-threshold/evidence?from=2024-09-01&to=2025-07-22");

        assertThat(amendOnce.get()).as("the amendment was made during the bundle's read").isFalse();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode bundle = response.body();
        JsonNode session = bundle.path("sessions").get(0);
        assertThat(session.path("date").asText()).isEqualTo("2024-10-03");
        assertThat(session.path("session").asText()).isEqualTo("AM");
        assertThat(session.path("code").asText()).isEqualTo("O");
        assertThat(session.path("history")).hasSize(2);
        assertThat(session.path("history").get(1).path("code").asText()).isEqualTo("O");
        assertThat(session.path("logIndex").asLong()).isEqualTo(session.path("history").get(1).path("logIndex")
                .asLong());
        assertThat(bundle.path("threshold").path("sessions").get(0).path("code").asText()).isEqualTo("O");
        verify(history, atLeast(2)).of(raced);
    }
}
