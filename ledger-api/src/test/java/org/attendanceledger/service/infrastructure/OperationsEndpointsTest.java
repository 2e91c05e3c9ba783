package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest extends LedgerApiTest {

    @Test
    void the_openapi_document_is_generated_from_the_code_and_shows_the_contract_paths() {
        var document = api().get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().path("paths").has("/api/v1/schools/{urn}/marks")).isTrue();
        assertThat(document.body().path("paths")
                .has("/api/v1/schools/{urn}/marks/{upn}/{date}/{session}/amendments")).isTrue();
        assertThat(document.body().path("paths").has("/api/v1/schools/{urn}/calendars/{academicYear}")).isTrue();
        assertThat(document.body().path("paths").has("/api/v1/audit/events")).isTrue();
    }

    @Test
    void health_is_up_and_prometheus_metrics_are_exposed() throws Exception {
        var health = api().get("/actuator/health");
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }
}
