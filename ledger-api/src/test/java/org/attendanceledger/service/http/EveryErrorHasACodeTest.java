package org.attendanceledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, item 6: what Spring MVC, Spring Security's firewall and Tomcat refuse on their own (reads included) is
 * problem+json with a code as well, never an HTML page or a problem without a code.
 */
class EveryErrorHasACodeTest extends LedgerApiTest {

    @ParameterizedTest(name = "{0} {1} (Accept {2}) is {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/v1/no-such-thing                  | application/json | 404 | NOT_FOUND
            GET    | /api/v1/no-such-thing                  | text/html        | 404 | NOT_FOUND
            GET    | /no-such-page                          | text/html        | 404 | NOT_FOUND
            GET    | /api/v1/schools/{urn}/no-such-thing    | application/json | 404 | NOT_FOUND
            GET    | /api/v1/schools/999999                 | application/json | 404 | UNKNOWN_SCHOOL
            DELETE | /api/v1/schools/{urn}                  | application/json | 405 | METHOD_NOT_ALLOWED
            PATCH  | /api/v1/schools/{urn}/marks            | application/json | 405 | METHOD_NOT_ALLOWED
            GET    | /api/v1/schools/{urn}                  | application/xml  | 406 | NOT_ACCEPTABLE
            GET    | /api/v1/schools/{urn}/../{urn}         | application/json | 400 | REQUEST_REJECTED
            GET    | /api/v1/schools/{urn};x=1              | application/json | 400 | REQUEST_REJECTED
            GET    | /api/v1/schools/{urn}%00               | application/json | 400 | REQUEST_REJECTED
            GET    | /api/v1/schools/{urn}%5C               | application/json | 400 | REQUEST_REJECTED
            GET    | /api/v1/schools/{urn}\\                | text/html        | 400 | REQUEST_REJECTED
            GET    | /api/v1/schools/{urn}/%2e%2e/x         | application/json | 400 | REQUEST_REJECTED
            GET    | /api/v1/schools/{urn}%2F               | text/html        | 400 | REQUEST_REJECTED
            GET    | /api/v1/audit/events?limit=x           | application/json | 422 | VALIDATION_FAILED
            """)
    void a_refusal_before_any_ledger_code_runs_is_still_a_problem_with_a_code(String method, String path,
                                                                              String accept, int status, String code) {
        String urn = fixtures().school("201");
        RawHttp.Response response = new RawHttp(port).send(RawHttp.Request.of(method, path.replace("{urn}", urn))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Accept", accept));

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().path("errors").path(0).path("code").asText()).isEqualTo(code);
        if (status == 405) {
            assertThat(response.headers()).containsKey("allow");
        }
    }
}
