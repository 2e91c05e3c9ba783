package org.attendanceledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the service, of PostgreSQL (the postmaster and every backend) and of the load generator over a phase of
 * the run, read from Linux's {@code /proc}. JFR sees only the service's Java threads; this says how the cores were
 * shared between the three, which is where the time of a CPU-bound ingest goes. Elsewhere than Linux it reports
 * nothing.
 */
final class CpuShares {

    /** Cumulative user+system clock ticks per process of each party, at one moment. */
    record Snapshot(long nanos, Map<Long, Long> service, Map<Long, Long> postgres, Map<Long, Long> generator) {
    }

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every Linux the benchmark runs on

    private final long servicePid;
    private final long postmasterPid;

    CpuShares(long servicePid, long postmasterPid) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
    }

    Snapshot snapshot() {
        Map<Long, Long> service = new HashMap<>();
        Map<Long, Long> postgres = new HashMap<>();
        Map<Long, Long> generator = new HashMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.forEach(dir -> {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    return;
                }
                long[] stat = stat(dir);
                if (stat == null) {
                    return;
                }
                long pid = Long.parseLong(name);
                if (pid == servicePid) {
                    service.put(pid, stat[1]);
                } else if (pid == postmasterPid) {
                    // With the backends it has reaped: the pool replaces connections during a long run.
                    postgres.put(pid, stat[1] + stat[2]);
                } else if (stat[0] == postmasterPid) {
                    postgres.put(pid, stat[1]);
                } else if (pid == self) {
                    generator.put(pid, stat[1]);
                }
            });
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new Snapshot(System.nanoTime(), service, postgres, generator);
    }

    /** Cores used by each party between two snapshots; a process born in between counts from zero. */
    static String between(Snapshot start, Snapshot end) {
        if (start == null || end == null || end.service.isEmpty()) {
            return "n/a (no /proc)";
        }
        double seconds = (end.nanos - start.nanos) / 1e9;
        return String.format(Locale.ROOT, "service %.2f, PostgreSQL %.2f, load generator %.2f cores",
                cores(start.service, end.service, seconds), cores(start.postgres, end.postgres, seconds),
                cores(start.generator, end.generator, seconds));
    }

    private static double cores(Map<Long, Long> start, Map<Long, Long> end, double seconds) {
        long ticks = 0;
        for (Map.Entry<Long, Long> process : end.entrySet()) {
            ticks += process.getValue() - start.getOrDefault(process.getKey(), 0L);
        }
        return ticks / TICKS_PER_SECOND / seconds;
    }

    /**
     * The parent pid, the user+system ticks of a process and those of its children it has waited for, or null when it
     * is gone or unreadable.
     */
    private static long[] stat(Path dir) {
        try {
            String text = Files.readString(dir.resolve("stat"));
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
