package org.attendanceledger.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SessionScopeTest {

    @Test
    void am_covers_only_the_morning_session() {
        assertThat(SessionScope.AM.covers(Session.AM)).isTrue();
        assertThat(SessionScope.AM.covers(Session.PM)).isFalse();
    }

    @Test
    void pm_covers_only_the_afternoon_session() {
        assertThat(SessionScope.PM.covers(Session.AM)).isFalse();
        assertThat(SessionScope.PM.covers(Session.PM)).isTrue();
    }

    @Test
    void both_covers_either_session() {
        assertThat(SessionScope.BOTH.covers(Session.AM)).isTrue();
        assertThat(SessionScope.BOTH.covers(Session.PM)).isTrue();
    }

    @Test
    void session_slots_order_by_date_then_am_before_pm() {
        SessionSlot mondayPm = new SessionSlot(LocalDate.of(2024, 9, 9), Session.PM);
        SessionSlot tuesdayAm = new SessionSlot(LocalDate.of(2024, 9, 10), Session.AM);
        SessionSlot mondayAm = new SessionSlot(LocalDate.of(2024, 9, 9), Session.AM);

        assertThat(Stream.of(tuesdayAm, mondayPm, mondayAm).sorted())
                .containsExactly(mondayAm, mondayPm, tuesdayAm);
    }
}
