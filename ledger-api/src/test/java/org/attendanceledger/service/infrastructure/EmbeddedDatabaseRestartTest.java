package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.attendanceledger.service.LedgerApplication;
import org.attendanceledger.service.audit.LogAppender;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The zero-setup default keeps the legal record across restarts: the data directory is the database. */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void what_was_stored_before_a_restart_is_still_there_after_it() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            var created = client(first).post("/api/v1/schools", Map.of("urn", "654321", "name", "Durable School",
                    "laCode", "301", "amRegisterStart", "08:45", "pmRegisterStart", "13:00",
                    "registerWindowMinutes", 15));
            assertThat(created.status()).isEqualTo(201);
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            var school = client(second).get("/api/v1/schools/654321");
            second.getBean(LogAppender.class).catchUp();
            var feed = client(second).get("/api/v1/audit/events?after=0&limit=10");

            assertThat(school.status()).isEqualTo(200);
            assertThat(school.body().path("name").asText()).isEqualTo("Durable School");
            assertThat(feed.body().path("events")).hasSize(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--ledger.data-dir=" + dataDir,
                "--ledger.bootstrap-admin-token=restart-test-token");
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new LedgerClient("http://localhost:" + port, "restart-test-token");
    }
}
