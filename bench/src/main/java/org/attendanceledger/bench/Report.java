package org.attendanceledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table the benchmark prints: one row per measurement, in the order they were taken. */
final class Report {

    private final List<String[]> rows = new ArrayList<>();

    void note(String what, String value) {
        rows.add(new String[] {what, value});
    }

    void timing(String what, long startNanos) {
        rows.add(new String[] {what, String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9)});
    }

    void rate(String what, long count, double seconds, String unit) {
        rows.add(new String[] {what, String.format(Locale.ROOT, "%,d in %.1f s = %,.0f %s", count, seconds,
                count / seconds, unit)});
    }

    void latency(String what, Latency latency) {
        rows.add(new String[] {what, latency.measured()
                ? String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", latency.percentile(50), latency.percentile(99))
                : "not measured (endpoint missing)"});
    }

    String render() {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "| %-" + width + "s | %s%n", "measurement", "result"));
        table.append("|").append("-".repeat(width + 2)).append("|---\n");
        for (String[] row : rows) {
            table.append(String.format(Locale.ROOT, "| %-" + width + "s | %s%n", row[0], row[1]));
        }
        return table.toString();
    }
}
