package org.attendanceledger.service.register;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A seam in a posted register's transaction, after its checks and its look-up of existing entries and before it
 * stores anything: the one point where two requests, or a register and a change of roll, can interleave. It does
 * nothing in the service; the race tests hold requests here (with latches) to force the interleavings they assert on.
 */
@Component
public class IngestCheckpoint {

    /** What a register has decided so far: its school and the entries it is about to create. */
    public record Reached(String urn, List<String> newEntryIds) {
    }

    /** Called with the register's transaction open; the service's own implementation returns at once. */
    public interface Hook {
        void reached(Reached point);
    }

    private volatile Hook hook = point -> { };

    void reached(String urn, List<String> newEntryIds) {
        hook.reached(new Reached(urn, newEntryIds));
    }

    /** For tests only: install a hook (and put back {@link #none()} afterwards). */
    public void install(Hook hook) {
        this.hook = hook;
    }

    public static Hook none() {
        return point -> { };
    }
}
