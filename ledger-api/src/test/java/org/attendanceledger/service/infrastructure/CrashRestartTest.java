package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attendanceledger.service.LedgerApplication;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the service leaves its embedded PostgreSQL running as an orphan on the data directory; the next
 * start must stop that server and come up on the same data. The service runs in a child JVM, so that it can be
 * killed like a real one: {@link Process#destroyForcibly()} is SIGKILL.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CrashRestartTest {

    private static final String TOKEN = "crash-restart-test-token-of-enough-length";
    private static final Duration START_LIMIT = Duration.ofSeconds(100);

    @TempDir
    Path dataDir;

    private final List<Process> services = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() throws IOException {
        for (Process service : services) {
            service.destroyForcibly();
        }
        for (Process service : services) {
            LeftoverPostmaster.awaitExit(service.toHandle(), Duration.ofSeconds(10));
        }
        // Whatever the outcome, no server may outlive the test on the temporary directory.
        LeftoverPostmaster.stopIfRunning(dataDir.resolve("postgres"), Duration.ofSeconds(5));
    }

    @Test
    void after_a_kill_9_the_next_start_stops_the_orphaned_database_and_keeps_the_data() throws Exception {
        int firstPort = freePort();
        Process first = startService(firstPort, "first");
        awaitHealthy(firstPort, first);
        var created = client(firstPort).post("/api/v1/schools", Map.of("urn", "765432", "name", "Crash School",
                "laCode", "301", "amRegisterStart", "08:45", "pmRegisterStart", "13:00", "registerWindowMinutes", 15));
        assertThat(created.status()).isEqualTo(201);
        long orphanPid = LeftoverPostmaster.postmasterPid(dataDir.resolve("postgres")).orElseThrow();

        first.destroyForcibly();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).as("the embedded server outlives the killed service").isTrue();

        int secondPort = freePort();
        Process second = startService(secondPort, "second");
        awaitHealthy(secondPort, second);
        var school = client(secondPort).get("/api/v1/schools/765432");

        assertThat(school.status()).isEqualTo(200);
        assertThat(school.body().path("name").asText()).isEqualTo("Crash School");
        assertThat(orphan.isAlive()).as("the orphaned server was stopped").isFalse();
        assertThat(LeftoverPostmaster.postmasterPid(dataDir.resolve("postgres")).orElseThrow())
                .isNotEqualTo(orphanPid);
        assertThat(Files.readString(dataDir.resolve("second.log")))
                .contains("left by a service that did not shut down");

        // A normal stop (SIGTERM) stops the event processors before the database: no pooled connection is found
        // closed under them, and no server is left behind.
        long secondPostmaster = LeftoverPostmaster.postmasterPid(dataDir.resolve("postgres")).orElseThrow();
        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s of SIGTERM").isTrue();
        String stopLog = Files.readString(dataDir.resolve("second.log"));
        assertThat(stopLog.substring(stopLog.indexOf("Started LedgerApplication")))
                .doesNotContain("marked as broken", "has been closed", "Failed to validate connection",
                        "Error occurred. Starting retry mode");
        // pg_ctl stop returns once the server has removed its pid file, a moment before the process has ended.
        ProcessHandle.of(secondPostmaster).ifPresent(postmaster ->
                assertThat(LeftoverPostmaster.awaitExit(postmaster, Duration.ofSeconds(10)))
                        .as("the database stopped with the service").isTrue());
    }

    private Process startService(int port, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                LedgerApplication.class.getName(),
                "--server.port=" + port,
                "--ledger.data-dir=" + dataDir,
                "--ledger.bootstrap-admin-token=" + TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile())
                .start();
        services.add(process);
        return process;
    }

    private static void awaitHealthy(int port, Process service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            assertThat(service.isAlive()).as("the service is running").isTrue();
            assertThat(System.nanoTime()).as("healthy within %s", START_LIMIT).isLessThan(deadline);
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
    }

    private static LedgerClient client(int port) {
        return new LedgerClient("http://localhost:" + port, TOKEN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
