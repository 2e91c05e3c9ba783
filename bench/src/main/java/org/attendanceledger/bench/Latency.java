package org.attendanceledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Recorded response times in milliseconds, with nearest-rank percentiles. */
final class Latency {

    private final List<Double> samples = new ArrayList<>();
    private boolean measured = true;

    static Latency notMeasured() {
        Latency latency = new Latency();
        latency.measured = false;
        return latency;
    }

    synchronized void record(double millis) {
        samples.add(millis);
    }

    synchronized double percentile(int percent) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    boolean measured() {
        return measured && !samples.isEmpty();
    }

    String p99Text() {
        return measured() ? String.format(Locale.ROOT, "%.1f", percentile(99)) : "n/a";
    }
}
