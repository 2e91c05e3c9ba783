package org.attendanceledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

/** Issue 12, item 9: an integrator generating a client from /v3/api-docs sees the whole error contract. */
class ErrorContractOpenApiTest extends LedgerApiTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private JsonNode document() {
        var response = api().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void the_problem_schema_enumerates_every_error_code_the_service_can_send() {
        JsonNode problem = document().path("components").path("schemas").path("Problem");

        Set<String> published = new HashSet<>();
        problem.path("properties").path("code").path("enum").forEach(code -> published.add(code.asText()));
        Set<String> itemCodes = new HashSet<>();
        problem.path("properties").path("errors").path("items").path("properties").path("code").path("enum")
                .forEach(code -> itemCodes.add(code.asText()));

        Set<String> every = new HashSet<>(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        assertThat(published).isEqualTo(every);
        assertThat(itemCodes).isEqualTo(every);
        assertThat(problem.path("required").toString()).contains("\"code\"", "\"status\"", "\"errors\"");
    }

    @Test
    void every_operation_documents_its_error_statuses_with_the_problem_schema() {
        JsonNode paths = document().path("paths");
        List<String> operations = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase() + " " + path.getKey();
            operations.add(operation);
            boolean write = !method.getKey().equals("get");
            List<String> expected = new ArrayList<>(List.of("400", "401", "403", "404", "422", "500"));
            if (write) {
                expected.addAll(List.of("406", "409", "413", "415"));
            }
            for (String status : expected) {
                JsonNode schema = method.getValue().path("responses").path(status).path("content")
                        .path("application/problem+json").path("schema");
                if (!PROBLEM_REF.equals(schema.path("$ref").asText())) {
                    missing.add(operation + " " + status);
                }
            }
        }));

        assertThat(operations).hasSizeGreaterThanOrEqualTo(25)
                .contains("POST /api/v1/schools/{urn}/marks", "PUT /api/v1/schools/{urn}/calendars/{academicYear}",
                        "POST /api/v1/api-keys", "DELETE /api/v1/api-keys/{id}");
        assertThat(missing).as("operations without a problem+json answer for a status").isEmpty();
    }

    @Test
    void a_documented_error_is_what_the_service_sends() {
        // The schema describes real answers: a refusal carries every required member, its code among the enum's.
        var refusal = api().post("/api/v1/schools", Map.of("urn", "12"));
        JsonNode problem = document().path("components").path("schemas").path("Problem");
        problem.path("required").forEach(member -> assertThat(refusal.body().has(member.asText()))
                .as(member.asText() + " in " + refusal).isTrue());
        Set<String> codes = new HashSet<>();
        problem.path("properties").path("code").path("enum").forEach(code -> codes.add(code.asText()));
        assertThat(codes).contains(refusal.errorCode());
    }
}
