package org.attendanceledger.service.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Read-your-writes waits for the last event committed in the schools a read covers, and only those. */
class CommittedHeadTest extends LedgerApiTest {

    @Autowired
    private ProjectionProgress progress;

    private long lastEventOf(String... urns) {
        Long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry "
                + "WHERE split_part(aggregate_identifier, ':', 1) = ANY (?)", Long.class, (Object) urns);
        return last == null ? ProjectionProgress.EMPTY_STORE : last;
    }

    @Test
    void the_committed_head_of_some_schools_is_the_last_event_of_their_streams_whatever_came_after() {
        String first = fixtures().exampleSchool();
        fixtures().admit(first, "2024-09-04");
        String second = fixtures().exampleSchool();
        String third = fixtures().exampleSchool();
        fixtures().admit(third, "2024-09-04");
        long firstsLast = lastEventOf(first);
        assertThat(firstsLast).as("the first school's admission").isPositive();

        assertThat(progress.committedHead(List.of(first))).isEqualTo(firstsLast).isLessThan(lastEventOf(third));
        assertThat(progress.committedHead(List.of(second, first))).isEqualTo(lastEventOf(second));
        assertThat(progress.committedHead(List.of(first, third))).isEqualTo(lastEventOf(third));
        assertThat(progress.committedHead(List.of("999999", first))).as("a school with no events adds nothing")
                .isEqualTo(firstsLast);
        assertThat(progress.committedHead(List.of("999999"))).isEqualTo(ProjectionProgress.EMPTY_STORE);
        assertThat(progress.committedHead(List.of())).isEqualTo(ProjectionProgress.EMPTY_STORE);
    }
}
