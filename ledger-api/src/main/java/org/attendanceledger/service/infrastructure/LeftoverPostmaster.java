package org.attendanceledger.service.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server still running on the ledger's data directory after the service that started it died (a
 * {@code kill -9} leaves the postmaster and its backends running as orphans, and the next start then fails on the
 * data directory's lock). It is found through the {@code postmaster.pid} the server keeps in that directory, and only
 * stopped once {@code /proc/<pid>/cmdline} shows it really is a {@code postgres} binary serving that same directory:
 * a pid in a stale file may since belong to anything else, which must never be killed.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private static final String PID_FILE = "postmaster.pid";

    private final Path pgData;
    private final ProcessHandle postmaster;
    private final Path postgresBinary;

    private LeftoverPostmaster(Path pgData, ProcessHandle postmaster, Path postgresBinary) {
        this.pgData = pgData;
        this.postmaster = postmaster;
        this.postgresBinary = postgresBinary;
    }

    /**
     * Stops the server left running on the data directory, if any; answers whether there was one. Waits for it to
     * be gone, so that the caller can start a new server on the directory.
     */
    static boolean stopIfRunning(Path pgData, Duration gracefulWait) throws IOException {
        Optional<LeftoverPostmaster> leftover = find(pgData);
        if (leftover.isEmpty()) {
            return false;
        }
        leftover.get().stop(gracefulWait);
        return true;
    }

    /** The live postmaster of the data directory, checked against its command line. */
    static Optional<LeftoverPostmaster> find(Path pgData) throws IOException {
        Path pidFile = pgData.resolve(PID_FILE);
        Optional<Long> pid = postmasterPid(pgData);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            // A stale file of a server that died: PostgreSQL itself recognises and replaces it.
            return Optional.empty();
        }
        Optional<List<String>> commandLine = commandLine(pid.get());
        Optional<Path> binary = commandLine.flatMap(args -> servesDirectory(args, pgData));
        if (binary.isEmpty()) {
            // The pid now belongs to some other process. PostgreSQL would refuse to start while the file names a live
            // pid, so the stale file goes; the process is left alone.
            log.warn("{} names pid {}, which is not a PostgreSQL server of this data directory; removing the stale "
                    + "file and leaving that process alone", pidFile, pid.get());
            Files.deleteIfExists(pidFile);
            return Optional.empty();
        }
        return Optional.of(new LeftoverPostmaster(pgData, process.get(), binary.get()));
    }

    /** The first line of {@code postmaster.pid}: the pid of the postmaster that wrote it. */
    static Optional<Long> postmasterPid(Path pgData) throws IOException {
        Path pidFile = pgData.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException notAPid) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Optional.of(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
        } catch (IOException | SecurityException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The postgres binary of a command line such as {@code /tmp/embedded-pg/PG-x/bin/postgres -D /data/postgres -p
     * 5432 ...}, when it names this data directory after {@code -D}.
     */
    static Optional<Path> servesDirectory(List<String> commandLine, Path pgData) {
        if (commandLine.isEmpty()) {
            return Optional.empty();
        }
        Path binary = Path.of(commandLine.get(0));
        if (!binary.getFileName().toString().equals("postgres")) {
            return Optional.empty();
        }
        Path wanted = canonical(pgData);
        for (int i = 1; i < commandLine.size() - 1; i++) {
            if (commandLine.get(i).equals("-D") && canonical(Path.of(commandLine.get(i + 1))).equals(wanted)) {
                return Optional.of(binary);
            }
        }
        return Optional.empty();
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException missing) {
            return path.toAbsolutePath().normalize();
        }
    }

    /**
     * A fast shutdown through the server's own pg_ctl (it rolls back open transactions and ends the backends), then
     * SIGKILL of the postmaster and everything it started if it is still there after the wait.
     */
    private void stop(Duration gracefulWait) {
        // Taken before the postmaster goes: once it is gone its backends are no longer known as its children.
        List<ProcessHandle> backends = postmaster.descendants().toList();
        log.warn("A PostgreSQL server (pid {}) is still running on {}, left by a service that did not shut down; "
                + "stopping it", postmaster.pid(), pgData);
        Path pgCtl = postgresBinary.resolveSibling("pg_ctl");
        if (Files.isExecutable(pgCtl)) {
            runPgCtlStop(pgCtl, gracefulWait);
        } else {
            postmaster.destroy();
        }
        if (!awaitExit(postmaster, gracefulWait)) {
            log.warn("The leftover PostgreSQL server (pid {}) did not stop within {}; killing it", postmaster.pid(),
                    gracefulWait);
            postmaster.destroyForcibly();
            awaitExit(postmaster, gracefulWait);
        }
        // Backends of a killed postmaster would keep its shared memory attached and block the next start. A handle
        // remembers its process's start time, so a pid reused since is not touched.
        backends.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        backends.forEach(backend -> awaitExit(backend, gracefulWait));
    }

    private void runPgCtlStop(Path pgCtl, Duration gracefulWait) {
        try {
            Process stop = new ProcessBuilder(pgCtl.toString(), "-D", pgData.toString(), "stop", "-m", "fast",
                    "-t", Long.toString(Math.max(1, gracefulWait.toSeconds())), "-w")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!stop.waitFor(gracefulWait.toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                stop.destroyForcibly();
            }
        } catch (IOException failed) {
            log.warn("pg_ctl stop could not be run: {}", failed.getClass().getName());
            postmaster.destroy();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException notYet) {
            return !process.isAlive();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
