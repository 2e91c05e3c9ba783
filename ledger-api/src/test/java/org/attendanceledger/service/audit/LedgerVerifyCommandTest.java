package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.attendanceledger.service.infrastructure.EmbeddedPostgresServer;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.verify.LedgerVerify;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine;

/** The auditor's command line against the running service: it passes on an intact ledger and fails on a tampered one. */
class LedgerVerifyCommandTest extends LedgerApiTest {

    @Autowired
    private EmbeddedPostgresServer postgres;

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private Run verify(String token, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", "http://localhost:" + port, "--token", token));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new LedgerVerify());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        int exit = command.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString().strip());
    }

    private JsonNode head() {
        return api().get("/api/v1/audit/log/tree-head").body();
    }

    @Test
    void an_intact_ledger_verifies_every_leaf_and_prints_ok_with_the_signed_size_and_root() {
        fixtures().exampleSchool();
        awaitLogged();
        JsonNode head = head();

        Run run = verify(ADMIN_TOKEN);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).isEqualTo("OK treeSize=" + head.path("treeSize").asLong() + " root="
                + head.path("rootHash").asText());
    }

    @Test
    void a_head_saved_earlier_is_checked_for_consistency_with_the_latest_and_a_forged_one_fails() throws Exception {
        fixtures().exampleSchool();
        awaitLogged();
        Path saved = dir.resolve("head.json");
        assertThat(verify(ADMIN_TOKEN, "--save-head", saved.toString()).exitCode()).isZero();
        fixtures().exampleSchool();
        awaitLogged();

        Run consistent = verify(ADMIN_TOKEN, "--trusted-head", saved.toString(), "--sample", "5");
        JsonNode earlier = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(saved));
        byte[] forgedRoot = java.util.Base64.getDecoder().decode(earlier.path("rootHash").asText());
        forgedRoot[31] ^= 1;
        Run forged = verify(ADMIN_TOKEN, "--trusted-size", earlier.path("treeSize").asText(), "--trusted-root",
                java.util.Base64.getEncoder().encodeToString(forgedRoot));

        assertThat(consistent.exitCode()).as(consistent.output()).isZero();
        assertThat(consistent.output()).startsWith("OK treeSize=");
        assertThat(forged.exitCode()).isEqualTo(LedgerVerify.FAILED);
        assertThat(forged.output()).contains("not consistent with the trusted head");
    }

    @Test
    void a_scoped_auditor_verifies_the_leaves_it_may_see_by_inclusion_proof() {
        String school = fixtures().exampleSchool();
        var auditor = ApiKeys.issue(api(), "auditor", List.of(school), List.of());
        awaitLogged();

        Run run = verify(auditor.token());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("OK treeSize=");
    }

    @Test
    void an_event_changed_by_the_database_superuser_fails_verification_naming_its_log_index() {
        String urn = fixtures().school("201");
        awaitLogged();
        long logIndex = jdbc.queryForObject("SELECT a.log_index FROM audit_log_entry a JOIN domain_event_entry d "
                + "ON d.global_index = a.global_index WHERE d.aggregate_identifier = ?", Long.class, urn);
        long globalIndex = jdbc.queryForObject("SELECT global_index FROM audit_log_entry WHERE log_index = ?",
                Long.class, logIndex);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, globalIndex);
        String forged = new String(original, StandardCharsets.UTF_8).replace("\"laCode\":\"201\"",
                "\"laCode\":\"999\"");
        assertThat(forged).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        JdbcTemplate superuser = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl()));

        superuser.execute("SET session_replication_role = replica; UPDATE domain_event_entry SET payload = "
                + "convert_to('" + forged.replace("'", "''") + "', 'UTF8') WHERE global_index = " + globalIndex);
        Run run;
        try {
            run = verify(ADMIN_TOKEN);
        } finally {
            superuser.execute("SET session_replication_role = replica; UPDATE domain_event_entry SET payload = "
                    + "decode('" + HexFormat.of().formatHex(original) + "', 'hex') WHERE global_index = "
                    + globalIndex);
        }

        assertThat(run.exitCode()).isEqualTo(LedgerVerify.FAILED);
        assertThat(run.output()).isEqualTo("FAIL logIndex=" + logIndex
                + " reason=CHANGED (the event no longer hashes to the logged leaf)");
        assertThat(verify(ADMIN_TOKEN).exitCode()).as("put back, the ledger verifies again").isZero();
    }

    @Test
    void a_token_the_server_refuses_proves_nothing_and_exits_3() {
        Run run = verify("not-a-token");

        assertThat(run.exitCode()).isEqualTo(LedgerVerify.UNREACHABLE);
        assertThat(run.output()).startsWith("ERROR could not read the log: GET /api/v1/audit/log/tree-head answered 401");
    }
}
