package org.attendanceledger.service.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL the service owns: started on the data directory (after stopping a server a crashed
 * predecessor left running there), kept on one port for the life of the service, and started again by a watchdog if
 * the postmaster dies under the running service, so that the connection pool finds it where it was.
 */
public final class EmbeddedPostgresServer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path pgData;
    private final Map<String, String> serverConfig;
    private final Duration startupWait;
    private final int port;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger restarts = new AtomicInteger();

    private EmbeddedPostgres running;
    private ProcessHandle postmaster;
    private List<ProcessHandle> postmasterChildren = List.of();
    private boolean closed;
    private volatile boolean restartsHeld;

    private EmbeddedPostgresServer(Path pgData, Map<String, String> serverConfig, int port, Duration startupWait,
                                   Duration watchdogInterval) {
        this.pgData = pgData;
        this.serverConfig = Map.copyOf(serverConfig);
        this.port = port;
        this.startupWait = startupWait;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        if (!watchdogInterval.isZero()) {
            watchdog.scheduleWithFixedDelay(this::watch, watchdogInterval.toMillis(), watchdogInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts the server on the data directory; a port of 0 picks a free one, kept for restarts. A zero watchdog
     * interval leaves the server unwatched.
     */
    public static EmbeddedPostgresServer start(Path pgData, Map<String, String> serverConfig, int port,
                                               Duration startupWait, Duration watchdogInterval) throws IOException {
        Files.createDirectories(pgData);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(pgData.toAbsolutePath().normalize(), serverConfig,
                port == 0 ? freePort() : port, startupWait, watchdogInterval);
        try {
            synchronized (server) {
                server.startPostmaster();
            }
        } catch (IOException | RuntimeException failed) {
            server.close();
            throw failed;
        }
        return server;
    }

    /** The URL of the {@code postgres} database as the superuser. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The URL of the {@code postgres} database as a role (the embedded server trusts local connections). */
    public String jdbcUrl(String role) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=" + role;
    }

    /** The pid of the postmaster now serving the data directory, as its {@code postmaster.pid} says. */
    public Optional<Long> postmasterPid() throws IOException {
        return LeftoverPostmaster.postmasterPid(pgData);
    }

    /** How many times the watchdog has started the server again after it died. */
    public int restarts() {
        return restarts.get();
    }

    private void startPostmaster() throws IOException {
        LeftoverPostmaster.stopIfRunning(pgData, Duration.ofSeconds(10));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(startupWait)
                // zonky's own hook would stop the server while Spring is still stopping the event processors that
                // use it; the service stops it itself, last (see close()).
                .setRegisterShutdownHook(false);
        serverConfig.forEach(builder::setServerConfig);
        running = builder.start();
        Optional<ProcessHandle> started = postmasterPid().flatMap(ProcessHandle::of);
        if (started.isEmpty()) {
            closeQuietly();
            throw new IOException("the embedded PostgreSQL started but left no live pid in postmaster.pid");
        }
        postmaster = started.get();
        postmasterChildren = children();
    }

    private List<ProcessHandle> children() {
        return postmaster.children().toList();
    }

    /**
     * While held, the watchdog notices nothing: for maintenance on the data directory, and for tests that need the
     * database to stay down for a while.
     */
    void holdRestarts(boolean hold) {
        restartsHeld = hold;
    }

    /** Notices a dead postmaster and starts the server again on the same directory and port. */
    private synchronized void watch() {
        if (closed || restartsHeld) {
            return;
        }
        if (running != null && postmaster.isAlive()) {
            postmasterChildren = children();
            return;
        }
        if (running != null) {
            log.error("The embedded PostgreSQL (pid {}) has died; starting it again on {} and port {}",
                    postmaster.pid(), pgData, port);
            // Its backends end by themselves once they notice; any still attached to its shared memory would block
            // the new server. A handle remembers its process's start time, so a reused pid is never touched.
            postmasterChildren.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            postmasterChildren.forEach(child -> LeftoverPostmaster.awaitExit(child, Duration.ofSeconds(5)));
            closeQuietly();
        }
        try {
            startPostmaster();
            restarts.incrementAndGet();
            log.warn("The embedded PostgreSQL is running again (pid {})", postmaster.pid());
        } catch (IOException | RuntimeException failed) {
            // The next round tries again; meanwhile requests answer 503 DATABASE_UNAVAILABLE.
            log.error("The embedded PostgreSQL did not start again: {}", failed.getClass().getName());
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException | RuntimeException ignored) {
            // zonky logs a server it could not stop (one that died stops nothing); its lock on the directory is
            // released either way, which is what a restart needs.
        }
        running = null;
    }

    /** Stops the watchdog first, so that stopping the server is not taken for a crash, then the server (fast mode). */
    @Override
    public void close() {
        watchdog.shutdownNow();
        synchronized (this) {
            closed = true;
            closeQuietly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
