package org.attendanceledger.service.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

class ReadEndpointsOpenApiTest extends LedgerApiTest {

    @Test
    void the_openapi_document_shows_every_projection_read_and_the_rebuild() {
        var document = api().get("/v3/api-docs");

        JsonNode paths = document.body().path("paths");
        assertThat(document.status()).isEqualTo(200);
        assertThat(paths.fieldNames()).toIterable().contains(
                "/api/v1/schools/{urn}/pupils/{upn}/attendance",
                "/api/v1/schools/{urn}/absence-lists/{list}",
                "/api/v1/las/{laCode}/absence-lists/{list}",
                "/api/v1/schools/{urn}/pupils/{upn}/penalty-threshold",
                "/api/v1/las/{laCode}/penalty-threshold",
                "/api/v1/schools/{urn}/overdue-n",
                "/api/v1/las/{laCode}/overdue-n",
                "/api/v1/admin/projections/rebuild");
        JsonNode attendance = paths.path("/api/v1/schools/{urn}/pupils/{upn}/attendance").path("get");
        assertThat(attendance.path("summary").asText()).contains("attendance figures");
        assertThat(attendance.path("parameters").findValuesAsText("name")).contains("from", "to");
    }
}
