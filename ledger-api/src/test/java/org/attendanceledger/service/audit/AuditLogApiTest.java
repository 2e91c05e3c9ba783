package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.attendanceledger.audit.CanonicalJson;
import org.attendanceledger.audit.CompactRange;
import org.attendanceledger.audit.MerkleHash;
import org.attendanceledger.audit.MerkleProofs;
import org.attendanceledger.audit.TreeHead;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;

/** The tamper-evident log through HTTP, on the real database, checked with the RFC 9162 verification algorithms. */
class AuditLogApiTest extends LedgerApiTest {

    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode head() {
        var response = api().get("/api/v1/audit/log/tree-head");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private List<JsonNode> entries(LedgerClient client, long start, long end) {
        List<JsonNode> all = new ArrayList<>();
        long next = start;
        while (next < end) {
            var page = client.get("/api/v1/audit/log/entries?limit=1000&start=" + next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            if (page.body().path("entries").isEmpty()) {
                break;
            }
            page.body().path("entries").forEach(e -> {
                if (e.path("logIndex").asLong() < end) {
                    all.add(e);
                }
            });
            next = page.body().path("next").asLong();
        }
        return all;
    }

    private static long eventsOf(List<JsonNode> entries, String urn) {
        return entries.stream().filter(e -> e.path("event").path("aggregateId").asText().startsWith(urn)).count();
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(node -> list.add(BASE64.decode(node.asText())));
        return list;
    }

    @Test
    void every_event_is_a_leaf_whose_bytes_are_the_canonical_event_and_whose_inclusion_verifies_against_a_signed_head()
            throws Exception {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(pupil, "/", "2024-10-01"));
        awaitLogged();

        JsonNode head = head();
        long size = head.path("treeSize").asLong();
        assertThat(size).isEqualTo(eventCount());
        JsonNode key = api().get("/api/v1/audit/log/public-key").body();
        assertThat(key.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(head.path("keyId").asText()).isEqualTo(key.path("keyId").asText())
                .isEqualTo(LogSigningKey.keyIdOf(BASE64.decode(key.path("publicKey").asText())));
        byte[] root = BASE64.decode(head.path("rootHash").asText());
        byte[] signed = new TreeHead(size, root, head.path("timestamp").asText()).signedBytes();
        assertThat(new String(signed, StandardCharsets.UTF_8)).startsWith("{\"rootHash\":\"");
        assertThat(LogSigningKey.verifies(BASE64.decode(key.path("publicKey").asText()), signed,
                BASE64.decode(head.path("signature").asText()))).isTrue();

        List<JsonNode> entries = entries(api(), 0, size);
        assertThat(entries).hasSize((int) size);
        // The signed root, which the service computes from its stored subtrees (levels 1 to 3 from their leaves),
        // equals the root of every leaf hashed afresh.
        CompactRange fromLeaves = new CompactRange();
        entries.forEach(entry -> fromLeaves.append(BASE64.decode(entry.path("leafHash").asText())));
        assertThat(fromLeaves.root()).isEqualTo(root);
        // Every leaf is checked against its event; inclusion proofs (one request each) for this test's own events
        // and the first and middle leaves, since the shared ledger holds every other test's events too.
        long ownFrom = size - eventsOf(entries, urn);
        for (int i = 0; i < size; i++) {
            JsonNode entry = entries.get(i);
            assertThat(entry.path("logIndex").asLong()).isEqualTo(i);
            byte[] leaf = BASE64.decode(entry.path("leaf").asText());
            assertThat(leaf).isEqualTo(CanonicalJson.canonicalize(JSON.writeValueAsString(entry.path("event"))));
            assertThat(entry.path("event").path("logIndex").asLong()).isEqualTo(i);
            byte[] leafHash = BASE64.decode(entry.path("leafHash").asText());
            assertThat(leafHash).isEqualTo(MerkleHash.leaf(leaf));

            if (i < ownFrom && i != 0 && i != size / 2) {
                continue;
            }
            JsonNode proof = api().get("/api/v1/audit/log/proofs/inclusion?logIndex=" + i + "&treeSize=" + size)
                    .body();
            assertThat(proof.path("leafHash").asText()).isEqualTo(entry.path("leafHash").asText());
            assertThat(MerkleProofs.verifyInclusion(i, size, leafHash, hashes(proof.path("auditPath")), root))
                    .as("leaf %d", i).isTrue();
        }
        JsonNode lastMark = entries.get((int) size - 1).path("event");
        assertThat(lastMark.path("type").asText()).endsWith("AttendanceMarkRecorded");
        assertThat(lastMark.path("aggregateId").asText()).startsWith(urn + ":" + pupil);
        assertThat(lastMark.path("payload").path("code").asText()).isEqualTo("/");
        assertThat(lastMark.path("receivedAt").asText())
                .isEqualTo(lastMark.path("metadata").path("receivedAt").asText());
    }

    @Test
    void a_later_head_is_consistent_with_an_earlier_one_and_both_stay_fetchable_by_size() {
        fixtures().exampleSchool();
        awaitLogged();
        JsonNode earlier = head();
        fixtures().exampleSchool();
        awaitLogged();
        JsonNode later = head();
        long first = earlier.path("treeSize").asLong();
        long second = later.path("treeSize").asLong();
        assertThat(second).isGreaterThan(first);

        var proof = api().get("/api/v1/audit/log/proofs/consistency?first=" + first + "&second=" + second);

        assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
        assertThat(MerkleProofs.verifyConsistency(first, second, BASE64.decode(earlier.path("rootHash").asText()),
                BASE64.decode(later.path("rootHash").asText()), hashes(proof.body().path("consistencyPath"))))
                .isTrue();
        assertThat(api().get("/api/v1/audit/log/tree-head?treeSize=" + first).body()).isEqualTo(earlier);
    }

    @Test
    void a_scoped_auditor_receives_only_its_schools_leaves_and_the_indexes_of_the_rest_are_skipped() {
        String school = fixtures().exampleSchool();
        String other = fixtures().exampleSchool();
        var auditor = ApiKeys.issue(api(), "auditor", List.of(school), List.of());
        awaitLogged();
        long size = head().path("treeSize").asLong();

        List<JsonNode> seen = entries(api().as(auditor.token()), 0, size);
        List<JsonNode> all = entries(api(), 0, size);

        assertThat(seen).isNotEmpty().allSatisfy(entry -> assertThat(entry.path("event").path("aggregateId").asText())
                .startsWith(school));
        long ofSchool = all.stream().filter(e -> e.path("event").path("aggregateId").asText().startsWith(school))
                .count();
        assertThat(seen).hasSize((int) ofSchool);
        assertThat(all.stream().anyMatch(e -> e.path("event").path("aggregateId").asText().startsWith(other)))
                .isTrue();
        assertThat(seen).extracting(e -> e.path("logIndex").asLong()).isSorted();
    }

    @Test
    void anyone_authenticated_reads_the_public_key_and_an_unknown_key_id_is_404() {
        String urn = fixtures().school("201");
        var mis = ApiKeys.issue(api(), "mis", List.of(urn), List.of());

        var key = api().as(mis.token()).get("/api/v1/audit/log/public-key");
        var unknown = api().get("/api/v1/audit/log/public-key?keyId=00000000000000000000000000000000");
        var current = api().get("/api/v1/audit/log/public-key?keyId=" + key.body().path("keyId").asText());

        assertThat(key.status()).isEqualTo(200);
        assertThat(current.body()).isEqualTo(key.body());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN_SIGNING_KEY");
    }

    @Test
    void verify_recomputes_every_leaf_from_the_event_store_and_finds_them_all_intact() {
        fixtures().exampleSchool();
        awaitLogged();

        JsonNode result = api().get("/api/v1/audit/log/verify").body();

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("checked").asLong()).isEqualTo(result.path("treeSize").asLong()).isPositive();
        assertThat(result.has("firstMismatch")).isTrue();
        assertThat(result.path("firstMismatch").isNull()).isTrue();
    }

    @Test
    void a_tree_size_beyond_the_log_is_422_tree_size_beyond_log() {
        fixtures().school("201");
        awaitLogged();
        long beyond = head().path("treeSize").asLong() + 1000;

        for (String path : List.of("/api/v1/audit/log/tree-head?treeSize=" + beyond,
                "/api/v1/audit/log/proofs/inclusion?logIndex=0&treeSize=" + beyond,
                "/api/v1/audit/log/proofs/consistency?first=1&second=" + beyond,
                "/api/v1/audit/log/verify?to=" + beyond)) {
            var response = api().get(path);
            assertThat(response.status()).as(path).isEqualTo(422);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.errorCode()).as(path).isEqualTo("TREE_SIZE_BEYOND_LOG");
        }
    }

    @Test
    void a_log_index_outside_the_tree_is_422_log_index_out_of_range() {
        fixtures().school("201");
        awaitLogged();
        long size = head().path("treeSize").asLong();

        var response = api().get("/api/v1/audit/log/proofs/inclusion?logIndex=" + size + "&treeSize=" + size);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo("LOG_INDEX_OUT_OF_RANGE");
    }

    @Test
    void first_larger_than_second_is_422_log_range_reversed() {
        fixtures().school("201");
        awaitLogged();

        var consistency = api().get("/api/v1/audit/log/proofs/consistency?first=2&second=1");
        var verify = api().get("/api/v1/audit/log/verify?from=2&to=1");

        assertThat(consistency.status()).isEqualTo(422);
        assertThat(consistency.errorCode()).isEqualTo("LOG_RANGE_REVERSED");
        assertThat(verify.status()).isEqualTo(422);
        assertThat(verify.errorCode()).isEqualTo("LOG_RANGE_REVERSED");
    }

    @Test
    void numbers_that_do_not_parse_or_are_negative_are_422_validation_failed_never_500() {
        for (String path : List.of("/api/v1/audit/log/tree-head?treeSize=abc",
                "/api/v1/audit/log/tree-head?treeSize=-1",
                "/api/v1/audit/log/proofs/inclusion?logIndex=1e3",
                "/api/v1/audit/log/proofs/inclusion",
                "/api/v1/audit/log/proofs/consistency?first=0&second=99999999999999999999",
                "/api/v1/audit/log/entries?start=x",
                "/api/v1/audit/log/entries?limit=1001",
                "/api/v1/audit/log/verify?from=-5")) {
            var response = api().get(path);
            assertThat(response.status()).as(path).isEqualTo(422);
            assertThat(response.isProblem()).as(path).isTrue();
            assertThat(response.errorCode()).as(path).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void a_size_at_which_no_head_was_signed_is_404_tree_head_not_found() {
        fixtures().school("201");
        awaitLogged();
        long size = head().path("treeSize").asLong();
        Long unsigned = jdbc.queryForObject("SELECT min(s) FROM generate_series(1, ?) s WHERE NOT EXISTS "
                + "(SELECT 1 FROM audit_log_tree_head h WHERE h.tree_size = s)", Long.class, size);

        var response = api().get("/api/v1/audit/log/tree-head?treeSize=" + unsigned);

        assertThat(unsigned).isNotNull();
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("TREE_HEAD_NOT_FOUND");
    }

    @Test
    void the_openapi_document_shows_every_log_endpoint_and_the_backdated_list() {
        JsonNode paths = api().get("/v3/api-docs").body().path("paths");

        assertThat(paths.fieldNames()).toIterable().contains("/api/v1/audit/log/public-key",
                "/api/v1/audit/log/tree-head", "/api/v1/audit/log/entries", "/api/v1/audit/log/proofs/inclusion",
                "/api/v1/audit/log/proofs/consistency", "/api/v1/audit/log/verify",
                "/api/v1/audit/backdated-amendments");
    }
}
