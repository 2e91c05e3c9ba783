package org.attendanceledger.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The ledger service as a separate process, started from the same jar the README builds. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The service's process id, to read its CPU time. */
    long pid() {
        return process.pid();
    }

    static ServiceProcess start(Path jar, String jdbcUrl, String adminToken, Path log, String heap,
                                List<String> extraJvmOptions) throws IOException, InterruptedException {
        // Run a copy: rebuilding the project during a long run must not swap the jar under the running service.
        Path copy = log.resolveSibling("ledger-api.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", copy.toString(), "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--logging.level.root=WARN"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LEDGER_BOOTSTRAP_ADMIN_TOKEN", adminToken);
        // A service on an external database must be given the API key secret every node shares.
        builder.environment().put("LEDGER_API_KEY_SECRET", "bench-" + adminToken + "-api-key-secret-0123456789");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServiceProcess service = new ServiceProcess(builder.start(), port);
        // Generous: on a machine shared with other builds, a node has been seen to need more than 3 minutes to start.
        service.awaitHealthy(new LedgerHttp("http://localhost:" + port, adminToken), Duration.ofMinutes(10));
        return service;
    }

    private void awaitHealthy(LedgerHttp http, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see its log");
            }
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become healthy within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
