package org.attendanceledger.service.projection;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.service.problem.RequestRejected;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for the projections. Clients post marks and read figures straight after; the projections are kept
 * by a tracking processor, a moment behind the event store. Every projection read first waits, for a bounded time,
 * until the processor has handled every event of the schools it reads committed before the read began, so a client
 * always sees its own writes. It waits only for those schools (contract "Paging and read-your-writes"): the last
 * event of their streams, and the segments their events fall in, so a segment busy with another school's import
 * holds up no one else. If the projections cannot catch up in time the read is refused rather than answered from
 * incomplete tables.
 */
@Component
public class ReadYourWrites {

    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 50;

    private final ProjectionProgress progress;
    private final JdbcTemplate jdbc;
    private final Duration maxWait;

    public ReadYourWrites(ProjectionProgress progress, JdbcTemplate jdbc,
                          @Value("${ledger.projections.read-your-writes-timeout:5s}") Duration maxWait) {
        this.progress = progress;
        this.jdbc = jdbc;
        this.maxWait = maxWait;
    }

    /** Waits for every school: the whole event store as committed now. */
    public void awaitProjections() {
        await(progress.committedHead(), null);
    }

    /** Waits for the schools' own events committed so far. */
    public void awaitSchools(Collection<String> urns) {
        await(progress.committedHead(urns), urns);
    }

    /**
     * Waits for the schools of an LA, and for the schools their pupils are dual registered with (an LA's conflicts
     * show the other school's marks), as the write side knows them now.
     */
    public void awaitLocalAuthority(String laCode) {
        List<String> urns = jdbc.queryForList("""
                SELECT urn FROM school WHERE la_code = ?
                UNION
                SELECT d.other_urn FROM dual_registration d JOIN school s ON s.urn = d.urn WHERE s.la_code = ?""",
                String.class, laCode, laCode);
        awaitSchools(urns);
    }

    private void await(long head, Collection<String> urns) {
        if (!awaitProcessed(progress, AttendanceProjection.PROCESSOR, head, urns, maxWait)) {
            throw RequestRejected.single(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.PROJECTIONS_CATCHING_UP, null,
                    "the projections have not yet caught up with the register (position " + head
                            + "); retry shortly");
        }
    }

    /**
     * Polls, with a growing pause, until the processor's segments handling the schools (null: all of them) hold the
     * position, or the time is up.
     */
    static boolean awaitProcessed(ProjectionProgress progress, String processor, long position,
                                  Collection<String> urns, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (!progress.hasProcessedThrough(processor, position, urns)) {
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
