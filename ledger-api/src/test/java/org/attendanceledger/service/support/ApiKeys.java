package org.attendanceledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issues and revokes API keys through the HTTP API, as an admin would. */
public final class ApiKeys {

    private ApiKeys() {
    }

    /** An issued key: its id, as events record it, and its token, as a caller presents it. */
    public record IssuedKey(String id, String token) {
    }

    public static IssuedKey issue(LedgerClient admin, String role, List<String> schools, List<String> las) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", role + " key for " + schools + " " + las);
        body.put("role", role);
        body.put("schools", schools);
        body.put("las", las);
        var response = admin.post("/api/v1/api-keys", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new IssuedKey(response.body().path("id").asText(), response.body().path("token").asText());
    }

    public static void revoke(LedgerClient admin, IssuedKey key) {
        var response = admin.delete("/api/v1/api-keys/" + key.id());
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }
}
