package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.OFFICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.ApiKeys.IssuedKey;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiKeyTest extends LedgerApiTest {

    @Autowired
    ApiKeyHasher hasher;

    private static Map<String, Object> keyRequest(String role, List<String> schools, List<String> las) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Example MIS integration");
        body.put("role", role);
        body.put("schools", schools);
        body.put("las", las);
        return body;
    }

    /** The feed's position of the last event logged so far (positions are logIndex + 1). */
    private long lastPosition() {
        awaitLogged();
        Long position = jdbc.queryForObject("SELECT coalesce(max(log_index) + 1, 0) FROM audit_log_entry", Long.class);
        return position == null ? 0 : position;
    }

    private List<JsonNode> feedAfter(LedgerClient client, long position) {
        awaitLogged();
        var feed = client.get("/api/v1/audit/events?limit=1000&after=" + position);
        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        return List.copyOf(feed.body().path("events").findParents("position"));
    }

    @Test
    void issuing_a_key_answers_its_id_role_scope_and_a_256_bit_url_safe_token() {
        String urn = fixtures().school("201");

        var response = api().post("/api/v1/api-keys", keyRequest("mis", List.of(urn), List.of()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String id = response.body().path("id").asText();
        assertThat(response.body().path("token").asText()).matches("alk_" + id + "_[A-Za-z0-9_-]{43}");
        assertThat(response.body().path("name").asText()).isEqualTo("Example MIS integration");
        assertThat(response.body().path("role").asText()).isEqualTo("mis");
        assertThat(response.body().path("schools")).extracting(JsonNode::asText).containsExactly(urn);
        assertThat(response.body().path("las")).isEmpty();
    }

    @Test
    void the_token_is_stored_only_as_a_keyed_hash_and_appears_nowhere_in_the_database()
            throws NoSuchAlgorithmException {
        IssuedKey key = ApiKeys.issue(api(), "auditor", List.of(), List.of());

        byte[] stored = jdbc.queryForObject("SELECT token_hash FROM api_key_credential WHERE key_id = ?",
                byte[].class, key.id());
        byte[] plainDigest = MessageDigest.getInstance("SHA-256").digest(key.token().getBytes(StandardCharsets.UTF_8));
        assertThat(stored).isEqualTo(hasher.hash(key.token()))
                .isNotEqualTo(plainDigest)
                .isNotEqualTo(new ApiKeyHasher("another server's secret, as long as any".getBytes()).hash(key.token()));

        String tokenAsHex = HexFormat.of().formatHex(key.token().getBytes(StandardCharsets.UTF_8));
        String hashAsHex = HexFormat.of().formatHex(stored);
        for (String table : jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""", String.class)) {
            String rows = jdbc.queryForObject(
                    "SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"" + table + "\" t", String.class);
            assertThat(rows).as(table).doesNotContain(key.token()).doesNotContain(tokenAsHex);
            if (!table.equals("api_key_credential")) {
                assertThat(rows).as(table).doesNotContain(hashAsHex);
            }
        }
    }

    @Test
    void an_issued_key_works_at_once_and_a_revoked_key_is_refused_at_once() {
        String urn = fixtures().school("201");
        IssuedKey key = ApiKeys.issue(api(), "mis", List.of(urn), List.of());
        LedgerClient mis = api().as(key.token());

        var before = mis.get("/api/v1/schools/" + urn);
        ApiKeys.revoke(api(), key);
        var after = mis.get("/api/v1/schools/" + urn);

        assertThat(before.status()).isEqualTo(200);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key_credential WHERE key_id = ?", Long.class,
                key.id())).isZero();
    }

    @Test
    void revoking_a_revoked_key_again_changes_nothing() {
        IssuedKey key = ApiKeys.issue(api(), "auditor", List.of(), List.of());
        ApiKeys.revoke(api(), key);
        long before = eventCount();

        var again = api().delete("/api/v1/api-keys/" + key.id());

        assertThat(again.status()).isEqualTo(204);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void revoking_a_key_that_does_not_exist_is_not_found() {
        var response = api().delete("/api/v1/api-keys/7d0e0a47-1111-4111-8111-000000000000");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("UNKNOWN_API_KEY");
    }

    @Test
    void issuing_and_revoking_are_events_saying_who_and_when_and_never_the_token_or_its_hash() {
        long position = lastPosition();
        IssuedKey admin = ApiKeys.issue(api(), "admin", List.of(), List.of());
        IssuedKey officer = ApiKeys.issue(api().as(admin.token()), "la-officer", List.of(), List.of("201"));
        ApiKeys.revoke(api().as(admin.token()), officer);

        IssuedKey auditor = ApiKeys.issue(api(), "auditor", List.of(), List.of());
        List<JsonNode> events = feedAfter(api().as(auditor.token()), position).stream()
                .filter(event -> event.path("aggregateId").asText().equals(officer.id())).toList();

        assertThat(events).extracting(event -> event.path("type").asText())
                .containsExactly("ApiKeyIssued", "ApiKeyRevoked");
        JsonNode issued = events.get(0).path("payload");
        assertThat(issued.path("role").asText()).isEqualTo("LA_OFFICER");
        assertThat(issued.path("las")).extracting(JsonNode::asText).containsExactly("201");
        assertThat(issued.path("issuedByKeyId").asText()).isEqualTo(admin.id());
        assertThat(issued.path("issuedAt").asText()).isNotBlank();
        assertThat(events.get(0).path("metadata").path("apiKeyId").asText()).isEqualTo(admin.id());
        JsonNode revoked = events.get(1).path("payload");
        assertThat(revoked.path("revokedByKeyId").asText()).isEqualTo(admin.id());
        assertThat(revoked.path("revokedAt").asText()).isNotBlank();
        // The secret is what follows "alk_<id>_" (it may itself contain '_', so it is not "after the last '_'").
        String secret = officer.token().substring(("alk_" + officer.id() + "_").length());
        assertThat(secret).hasSize(43);
        assertThat(events.toString()).doesNotContain(officer.token()).doesNotContain(secret);
    }

    @Test
    void an_mis_key_needs_a_school_and_an_la_officer_key_needs_an_la() {
        var mis = api().post("/api/v1/api-keys", keyRequest("mis", List.of(), List.of()));
        var officer = api().post("/api/v1/api-keys", keyRequest("la-officer", List.of(), List.of()));

        assertThat(mis.status()).isEqualTo(422);
        assertThat(mis.body().at("/errors/0/field").asText()).isEqualTo("schools");
        assertThat(officer.status()).isEqualTo(422);
        assertThat(officer.body().at("/errors/0/field").asText()).isEqualTo("las");
    }

    @Test
    void a_key_with_an_unknown_role_or_a_malformed_urn_is_refused_and_nothing_is_stored() {
        long before = eventCount();

        var unknownRole = api().post("/api/v1/api-keys", keyRequest("headteacher", List.of(), List.of()));
        var badUrn = api().post("/api/v1/api-keys", keyRequest("auditor", List.of("12345"), List.of()));
        var scopedAdmin = api().post("/api/v1/api-keys", keyRequest("admin", List.of("123456"), List.of()));

        assertThat(unknownRole.status()).isEqualTo(422);
        assertThat(unknownRole.body().at("/errors/0/field").asText()).isEqualTo("role");
        assertThat(badUrn.status()).isEqualTo(422);
        assertThat(scopedAdmin.status()).isEqualTo(422);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key k WHERE NOT EXISTS "
                + "(SELECT 1 FROM api_key_credential c WHERE c.key_id = k.key_id) AND k.revoked_at IS NULL",
                Long.class)).isZero();
    }

    @Test
    void the_events_a_key_causes_record_its_id() {
        String urn = fixtures().school("201");
        IssuedKey key = ApiKeys.issue(api(), "mis", List.of(urn), List.of());
        String upn = Fixtures.newUpn();

        var admitted = api().as(key.token()).post("/api/v1/schools/" + urn + "/pupils",
                Map.of("upn", upn, "startingDay", "2024-09-04", "by", OFFICE));

        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(201);
        String metadata = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?""",
                String.class, urn + ":" + upn);
        assertThat(metadata).contains("\"apiKeyId\":\"" + key.id() + "\"");
    }

    @Test
    void the_bootstrap_admin_is_recorded_as_bootstrap_admin() {
        String urn = fixtures().school("201");

        String metadata = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?""",
                String.class, urn);

        assertThat(metadata).contains("\"apiKeyId\":\"bootstrap-admin\"");
    }
}
