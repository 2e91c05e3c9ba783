package org.attendanceledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.attendanceledger.service.http.BadInputCorpus.Case;
import org.attendanceledger.service.http.BadInputCorpus.Endpoint;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's bad-input corpus: every case is a real request to a write endpoint that must be refused with its status
 * and code as application/problem+json, naming the item and field where a value is at fault, and must store nothing:
 * the number of stored events and the head of the event feed are the same after it as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest extends LedgerApiTest {

    private Map<String, String> world;

    /**
     * A school with its calendars, a head with AUTHORISE_ABSENCE, a pupil with a mark on 1 October 2024 (AM), a pupil
     * who can leave, and a key of another school.
     */
    @BeforeAll
    void world() {
        String urn = fixtures().exampleSchool();
        fixtures().grant(urn, Fixtures.HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        String upn = fixtures().admit(urn, "2024-09-04", "7");
        String leaver = fixtures().admit(urn, "2024-09-04", "7");
        fixtures().recordMarks(urn, List.of(Fixtures.mark(upn, "2024-10-01", "AM", "/")));
        String otherSchool = fixtures().school("202");
        ApiKeys.IssuedKey otherKey = ApiKeys.issue(api(), "mis", List.of(otherSchool), List.of());
        world = Map.of("{urn}", urn, "{upn}", upn, "{leaverUpn}", leaver, "{otherSchoolKey}", otherKey.token());
    }

    Stream<Case> corpus() {
        return BadInputCorpus.all().stream();
    }

    Stream<Endpoint> endpoints() {
        return BadInputCorpus.JSON_ENDPOINTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void each_bad_request_is_refused_with_its_code_as_problem_json_and_stores_nothing(Case bad) {
        long eventsBefore = eventCount();
        long headBefore = feedHead();

        RawHttp.Response response = new RawHttp(port).send(request(bad));

        assertThat(response.status()).as(bad + " answered " + response).isEqualTo(bad.status());
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asText()).as(response.toString()).isEqualTo(bad.code());
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        if (bad.field() != null) {
            JsonNode error = problem.path("errors").path(0);
            assertThat(error.path("field").asText()).as(response.toString()).isEqualTo(bad.field());
            if (bad.index() == null) {
                assertThat(error.has("index")).as(response.toString()).isFalse();
            } else {
                assertThat(error.path("index").asInt()).as(response.toString()).isEqualTo(bad.index());
            }
        }
        if (bad.expectContinue()) {
            assertThat(response.continued()).as("the server asked for a body it refuses: " + bad).isFalse();
        }
        assertThat(eventCount()).as("events stored by " + bad).isEqualTo(eventsBefore);
        assertThat(feedHead()).as("head of the event feed after " + bad).isEqualTo(headBefore);
    }

    @Test
    void the_corpus_has_at_least_300_cases_over_every_write_endpoint() {
        List<Case> cases = BadInputCorpus.all();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases.stream().map(Case::endpoint).map(Endpoint::name).distinct())
                .contains("register a school", "publish a calendar", "grant a member of staff", "admit a pupil",
                        "delete a pupil from roll", "post a register", "amend a mark", "issue an API key",
                        "set the automatic N conversion policy", "convert overdue N marks", "rebuild the projections",
                        "revoke an API key");
        assertThat(cases.stream().map(Case::name).distinct()).hasSameSizeAs(cases);
    }

    /** The control: each endpoint's unspoilt request is accepted, so a refusal in the corpus is the spoilt part's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void the_valid_request_each_corpus_case_spoils_is_accepted(Endpoint endpoint) {
        long eventsBefore = eventCount();
        Case valid = new Case("valid", endpoint, endpoint.method(), endpoint.path(),
                endpoint.body().getBytes(StandardCharsets.UTF_8), "application/json", null, null, false, false,
                200, null, null, null);

        RawHttp.Response response = new RawHttp(port).send(request(valid));

        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        assertThat(eventCount()).as("the valid request stores its events").isGreaterThan(eventsBefore);
    }

    private RawHttp.Request request(Case c) {
        RawHttp.Request request = RawHttp.Request.of(c.method(), resolve(c.path()))
                .header("Accept", c.accept() == null ? "application/json, application/problem+json" : c.accept());
        String token = c.token() == null ? ADMIN_TOKEN : resolve(c.token());
        if (!token.isEmpty()) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (c.body() != null) {
            request = request.header("Content-Type", c.contentType())
                    .body(resolve(new String(c.body(), StandardCharsets.ISO_8859_1))
                            .getBytes(StandardCharsets.ISO_8859_1));
            if (c.expectContinue()) {
                request = request.header("Expect", "100-continue");
            }
            if (c.chunked()) {
                request = request.sentChunked();
            }
        }
        return request;
    }

    /** Fills the placeholders; byte-preserving (ISO-8859-1 round trip) so that raw bytes in a body survive. */
    private String resolve(String text) {
        String resolved = text;
        for (Map.Entry<String, String> entry : world.entrySet()) {
            resolved = resolved.replace(entry.getKey(), entry.getValue());
        }
        return resolved.replace("{newUrn}", String.valueOf(ThreadLocalRandom.current().nextInt(950000, 998999)))
                .replace("{newUpn}", Fixtures.newUpn())
                .replace("{nonce}", UUID.randomUUID().toString());
    }

    private long feedHead() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }
}
