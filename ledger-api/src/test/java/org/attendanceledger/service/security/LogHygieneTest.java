package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.OFFICE;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.ApiKeys.IssuedKey;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DuplicateKeyException;

/**
 * The application log (INFO and above, as the service runs) must not hold tokens, reason text or UPNs, whether the
 * requests succeed or fail.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest extends LedgerApiTest {

    private static final String REASON = "REASON-SENTINEL: counselling after a bereavement";

    @Test
    void a_database_error_does_not_quote_the_row_it_failed_on() {
        String upn = Fixtures.newUpn();
        String insert = "INSERT INTO roll_period (urn, upn, starting_day) VALUES ('999999', ?, DATE '2024-09-04')";
        jdbc.update(insert, upn);

        assertThatThrownBy(() -> jdbc.update(insert, upn))
                .isInstanceOf(DuplicateKeyException.class)
                .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(upn));
    }

    @Test
    void a_day_of_requests_and_refusals_leaves_no_token_reason_or_upn_in_the_log(CapturedOutput log) {
        String urn = fixtures().exampleSchool();
        IssuedKey mis = ApiKeys.issue(api(), "mis", List.of(urn), List.of());
        IssuedKey officer = ApiKeys.issue(api(), "la-officer", List.of(), List.of("201"));
        LedgerClient school = api().as(mis.token());
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");

        school.post("/api/v1/schools/" + urn + "/marks", Map.of("marks", List.of(
                with(mark(upn, "2024-09-05", "AM", "O"), "idempotencyKey", "k-1"))));
        school.post("/api/v1/schools/" + urn + "/marks", Map.of("marks", List.of(
                with(mark(upn, "2024-09-05", "AM", "C"), "idempotencyKey", "k-1"))));
        school.post("/api/v1/schools/" + urn + "/marks", Map.of("marks", List.of(mark(upn, "2024-09-05", "AM", "C"))));
        school.post("/api/v1/schools/" + urn + "/marks", Map.of("marks", List.of(mark(upn, "2030-01-01", "AM", "/"))));
        fixtures().amend(urn, upn, "2024-09-05", "AM", "I", REASON, HEAD, "2024-09-06T10:00:00+01:00");
        fixtures().amend(urn, upn, "2024-09-05", "AM", "I", REASON, OFFICE, "2024-09-06T10:00:00+01:00");
        fixtures().amend(urn, upn, "2024-09-05", "AM", "O", REASON, OFFICE, "2024-09-07T10:00:00+01:00");
        api().as(officer.token()).get("/api/v1/schools/" + urn + "/marks/" + upn + "/2024-09-05/AM/history");
        school.post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion", Map.of("lastDayOnRoll", "2024-09-30",
                "ground", "MOVED_AWAY", "reason", REASON, "by", OFFICE));
        school.post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion", Map.of("lastDayOnRoll", "2024-09-30",
                "ground", "MOVED_AWAY", "reason", REASON, "by", OFFICE));
        school.post("/api/v1/schools/" + urn + "/pupils", Map.of("upn", upn, "startingDay", "2024-09-10",
                "by", OFFICE));
        school.postRaw("/api/v1/schools/" + urn + "/pupils", "{\"upn\": \"" + upn + "\", \"reason\": \"" + REASON);
        school.put("/api/v1/schools/" + urn + "/pupils/" + upn, Map.of("reason", REASON));
        school.get("/api/v1/schools/" + urn + "/pupils/" + upn + "/no-such-thing");
        ApiKeys.revoke(api(), mis);
        school.get("/api/v1/schools/" + urn);
        api().as(officer.token() + "x").get("/api/v1/schools/" + urn);
        api().as(officer.token()).post("/api/v1/schools/" + urn + "/marks", Map.of("marks", List.of(
                mark(upn, "2024-09-06", "AM", "/"))));

        assertThat(log.getOut() + log.getErr())
                .contains("API key " + mis.id() + " revoked")
                .doesNotContain(upn)
                .doesNotContain("REASON-SENTINEL")
                .doesNotContain(mis.token())
                .doesNotContain(officer.token())
                .doesNotContain(ADMIN_TOKEN);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
