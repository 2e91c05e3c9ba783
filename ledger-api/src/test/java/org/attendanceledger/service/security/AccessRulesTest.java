package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;

/** The edges of the access model that the matrix does not show. */
class AccessRulesTest extends LedgerApiTest {

    private static final String UNKNOWN_SCHOOL = "/api/v1/schools/000001/registers/2024-09-04/AM";

    private HttpResponse<String> raw(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private LedgerClient as(String role, List<String> schools, List<String> las) {
        return api().as(ApiKeys.issue(api(), role, schools, las).token());
    }

    @Test
    void an_unknown_school_is_not_found_for_an_admin_and_an_unscoped_auditor() {
        var admin = api().get(UNKNOWN_SCHOOL);
        var auditor = as("auditor", List.of(), List.of()).get(UNKNOWN_SCHOOL);

        assertThat(admin.status()).isEqualTo(404);
        assertThat(admin.errorCode()).isEqualTo("UNKNOWN_SCHOOL");
        assertThat(auditor.status()).isEqualTo(404);
    }

    @Test
    void an_unknown_school_is_forbidden_to_a_scoped_caller_since_it_is_outside_its_scope() {
        String urn = fixtures().school("321");

        var mis = as("mis", List.of(urn), List.of()).get(UNKNOWN_SCHOOL);
        var officer = as("la-officer", List.of(), List.of("321")).get(UNKNOWN_SCHOOL);

        assertThat(mis.status()).isEqualTo(403);
        assertThat(officer.status()).isEqualTo(403);
    }

    @Test
    void a_school_registered_after_an_la_officer_key_was_issued_is_in_its_scope_at_once() {
        LedgerClient officer = as("la-officer", List.of(), List.of("322"));
        String urn = fixtures().school("322");

        var register = officer.get("/api/v1/schools/" + urn + "/registers/2024-09-04/AM");

        assertThat(register.status()).isEqualTo(200);
    }

    @Test
    void a_refusal_without_a_token_is_problem_json_and_names_the_bearer_scheme() throws Exception {
        HttpResponse<String> response = raw("/api/v1/schools/123456", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"attendance-ledger\"");
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    }

    @Test
    void a_header_that_is_not_a_bearer_token_is_refused() throws Exception {
        HttpResponse<String> basic = raw("/api/v1/audit/events", "Basic YWRtaW46YWRtaW4=");
        HttpResponse<String> empty = raw("/api/v1/audit/events", "Bearer ");

        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
        assertThat(empty.statusCode()).isEqualTo(401);
    }

    @Test
    void health_metrics_for_the_platform_and_the_published_contract_need_no_token() throws Exception {
        assertThat(raw("/actuator/health", null).statusCode()).isEqualTo(200);
        // Spring Boot switches metrics export off in tests, so the endpoint answers 404 here; what matters is that the
        // access model lets the request through.
        assertThat(raw("/actuator/prometheus", null).statusCode()).isNotIn(401, 403);
        assertThat(raw("/v3/api-docs", null).statusCode()).isEqualTo(200);
        assertThat(raw("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }

    @Test
    void the_published_contract_names_the_bearer_scheme() throws Exception {
        HttpResponse<String> contract = raw("/v3/api-docs", null);

        assertThat(contract.body()).contains("\"securitySchemes\":{\"bearer\":{\"type\":\"http\"")
                .contains("\"security\":[{\"bearer\":[]}]");
    }

    @Test
    void a_bad_token_is_refused_even_on_a_public_path() throws Exception {
        assertThat(raw("/actuator/health", "Bearer not-a-key").statusCode()).isEqualTo(401);
    }

    @Test
    void other_actuator_endpoints_are_for_admins_only() throws Exception {
        String auditorToken = ApiKeys.issue(api(), "auditor", List.of(), List.of()).token();

        assertThat(raw("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(raw("/actuator/metrics", "Bearer " + auditorToken).statusCode()).isEqualTo(403);
        assertThat(raw("/actuator/metrics", "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void no_session_cookie_is_ever_set() throws Exception {
        HttpResponse<String> response = raw("/api/v1/audit/events", "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }
}
