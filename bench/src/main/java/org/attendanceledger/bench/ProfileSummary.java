package org.attendanceledger.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's CPU went, from a JDK Flight Recorder file of a bench run: the share of execution samples that
 * pass through each layer (inclusive, so a sample in JDBC under Axon counts for both), then the methods that were on
 * top of the stack most often (self time). Run by {@code bench/profile}; JFR ships with the JDK.
 */
public final class ProfileSummary {

    /** A layer of the service, recognised by the classes on a sample's stack; the first match names the thread's work. */
    private record Layer(String name, List<String> prefixes) {
        boolean contains(String className) {
            return prefixes.stream().anyMatch(className::startsWith);
        }
    }

    private static final List<Layer> LAYERS = List.of(
            new Layer("HTTP server (Tomcat)", List.of("org.apache.catalina", "org.apache.coyote", "org.apache.tomcat")),
            new Layer("Spring Security", List.of("org.springframework.security")),
            new Layer("JSON (Jackson)", List.of("com.fasterxml.jackson")),
            new Layer("Axon Framework", List.of("org.axonframework")),
            new Layer("JDBC driver (PostgreSQL)", List.of("org.postgresql")),
            new Layer("Connection pool (Hikari)", List.of("com.zaxxer.hikari")),
            new Layer("ledger: register (write path)", List.of("org.attendanceledger.service.register",
                    "org.attendanceledger.register")),
            new Layer("ledger: projections", List.of("org.attendanceledger.projections")),
            new Layer("ledger: tamper-evident log", List.of("org.attendanceledger.service.audit")),
            new Layer("ledger: rules (ledger-core)", List.of("org.attendanceledger.calendar",
                    "org.attendanceledger.catalogue", "org.attendanceledger.attendance", "org.attendanceledger.penalty",
                    "org.attendanceledger.roll", "org.attendanceledger.school")));

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ProfileSummary recording.jfr");
        }
        long samples = 0;
        Map<String, Long> byLayer = new LinkedHashMap<>();
        LAYERS.forEach(layer -> byLayer.put(layer.name(), 0L));
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> selfByMethod = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            RecordedFrame top = frames.get(0);
            selfByMethod.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
            String thread = event.getThread("sampledThread") == null ? "?"
                    : threadGroup(event.getThread("sampledThread").getJavaName());
            byThread.merge(thread, 1L, Long::sum);
            for (Layer layer : LAYERS) {
                if (frames.stream().anyMatch(frame -> layer.contains(frame.getMethod().getType().getName()))) {
                    byLayer.merge(layer.name(), 1L, Long::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d execution samples%n%n", samples);
        System.out.println("| Threads (share of samples) | % |");
        System.out.println("|---|---:|");
        print(sorted(byThread), samples, 8);
        System.out.println();
        System.out.println("| Layer on the stack (inclusive) | % |");
        System.out.println("|---|---:|");
        print(new ArrayList<>(byLayer.entrySet()), samples, LAYERS.size());
        System.out.println();
        System.out.println("| Method on top of the stack (self) | % |");
        System.out.println("|---|---:|");
        print(sorted(selfByMethod), samples, 20);
    }

    /** Thread names without their running numbers: "http-nio-8080-exec-7" and "-exec-8" are one kind of work. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("[-#]?\\d+", "");
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return entries;
    }

    private static void print(List<Map.Entry<String, Long>> rows, long samples, int limit) {
        rows.stream().limit(limit).forEach(row -> System.out.printf(Locale.ROOT, "| %s | %.1f |%n", row.getKey(),
                100.0 * row.getValue() / Math.max(1, samples)));
    }
}
