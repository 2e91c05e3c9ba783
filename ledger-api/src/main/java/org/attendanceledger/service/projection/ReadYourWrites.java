package org.attendanceledger.service.projection;

import java.time.Duration;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.service.problem.RequestRejected;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for the projections. Clients post marks and read figures straight after; the projections are kept
 * by a tracking processor, a moment behind the event store. Every projection read first waits, for a bounded time,
 * until the processor has handled every event committed before the read began, so a client always sees its own
 * writes. If the projections cannot catch up in time (e.g. during a rebuild) the read is refused rather than answered
 * from incomplete tables.
 */
@Component
public class ReadYourWrites {

    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 50;

    private final ProjectionProgress progress;
    private final Duration maxWait;

    public ReadYourWrites(ProjectionProgress progress,
                          @Value("${ledger.projections.read-your-writes-timeout:5s}") Duration maxWait) {
        this.progress = progress;
        this.maxWait = maxWait;
    }

    public void awaitProjections() {
        long head = progress.committedHead();
        if (!awaitProcessed(progress, head, maxWait)) {
            throw RequestRejected.single(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.PROJECTIONS_CATCHING_UP, null,
                    "the projections have not yet caught up with the register (position " + head
                            + "); retry shortly");
        }
    }

    /** Polls, with a growing pause, until the projections hold the position or the time is up. */
    static boolean awaitProcessed(ProjectionProgress progress, long position, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (!progress.hasProcessedThrough(AttendanceProjection.PROCESSOR, position)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
        return true;
    }
}
