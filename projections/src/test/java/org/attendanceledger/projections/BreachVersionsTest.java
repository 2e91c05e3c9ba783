package org.attendanceledger.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.penalty.PenaltyThresholdRule.MarkAtThreshold;
import org.attendanceledger.penalty.ThresholdWindow;
import org.attendanceledger.projections.ProjectionBatch.BreachVersions;
import org.attendanceledger.projections.ProjectionRows.BreachRow;
import org.junit.jupiter.api.Test;

/** How a pupil's stored breach versions move when a batch brings the states at some instants. */
class BreachVersionsTest {

    private static final PupilKey PUPIL = new PupilKey("100001", "H801200001001");
    private static final LocalDate STAY = LocalDate.of(2024, 9, 4);
    private static final Instant T1 = Instant.parse("2025-03-03T09:00:00.001Z");
    private static final Instant T2 = Instant.parse("2025-03-03T09:00:00.002Z");
    private static final Instant T3 = Instant.parse("2025-03-03T09:00:00.003Z");

    private static BreachRow row(String code, int count, Instant from, Instant until) {
        SessionMark mark = new SessionMark(LocalDate.of(2024, 10, 11), Session.PM, code);
        return new BreachRow(PUPIL, STAY, new MarkAtThreshold(mark, count,
                new ThresholdWindow(LocalDate.of(2024, 8, 5), LocalDate.of(2024, 10, 7)), List.of()), from, until);
    }

    @Test
    void a_changed_state_closes_the_holding_version_at_its_instant_and_adds_the_new_one_from_it() {
        BreachVersions versions = new BreachVersions();
        BreachRow holding = row("O", 11, T1, null);

        versions.follow(List.of(holding), T1, new TreeSet<>(List.of(T2)), instant -> List.of(row("G", 11, T2, null)));

        assertThat(versions.closed).containsExactly(holding.until(T2));
        assertThat(versions.added).containsExactly(row("G", 11, T2, null));
        assertThat(versions.neverVisible).isEmpty();
    }

    @Test
    void a_state_of_a_batch_superseded_within_it_is_kept_as_history_and_an_unchanged_one_writes_nothing() {
        BreachVersions versions = new BreachVersions();
        Map<Instant, List<BreachRow>> states = Map.of(T1, List.of(row("G", 11, T1, null)), T2, List.of(),
                T3, List.of());

        versions.follow(List.of(), null, new TreeSet<>(states.keySet()), states::get);

        assertThat(versions.added).containsExactly(row("G", 11, T1, T2));
        assertThat(versions.closed).isEmpty();
    }

    /**
     * Two posts received at T1 and T3 commit in the other order; the table already records T3 (a version closed
     * then). The late one's state must start at T3, not at T1, or it would overlap the closed version (and, at the
     * same start, collide with its key).
     */
    @Test
    void an_event_received_before_the_latest_recorded_instant_is_recorded_from_that_instant() {
        BreachVersions versions = new BreachVersions();
        BreachRow holding = row("O", 10, T3, null);

        versions.follow(List.of(holding), T3, new TreeSet<>(List.of(T1, T2)), instant -> List.of(
                row(instant.equals(T2) ? "N" : "U", 10, instant, null)));

        assertThat(versions.neverVisible).as("the version starting at T3 never held").containsExactly(holding);
        assertThat(versions.added).as("only the state at T2, which includes T1's, is recorded")
                .containsExactly(row("N", 10, T3, null));
        assertThat(versions.closed).isEmpty();
    }
}
