package org.attendanceledger.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.calendar.api.CalendarAmended;
import org.attendanceledger.calendar.api.CalendarOutcome;
import org.attendanceledger.calendar.api.CalendarPublished;
import org.attendanceledger.calendar.api.PublishCalendar;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class CalendarYearTest {

    private static final String ID = PublishCalendar.calendarId("100001", "2024-25");
    private static final Actor HEAD = new Actor("Ann Head", "Headteacher", "S-HEAD");
    private static final Instant NOW = Instant.parse("2024-07-01T10:00:00Z");
    private static final List<Term> TERMS = List.of(new Term(LocalDate.of(2024, 9, 4), LocalDate.of(2024, 12, 20)));
    private static final List<Closure> INSET = List.of(new Closure(LocalDate.of(2024, 11, 4), SessionScope.BOTH, "INSET"));
    private final AggregateTestFixture<CalendarYear> fixture = new AggregateTestFixture<>(CalendarYear.class);

    private static PublishCalendar publish(List<Closure> closures, String reason) {
        return new PublishCalendar(ID, "100001", "2024-25", TERMS, closures, HEAD, reason, NOW);
    }

    @Test
    void the_first_publication_is_recorded_as_published() {
        fixture.givenNoPriorActivity()
                .when(publish(List.of(), null))
                .expectEvents(new CalendarPublished(ID, "100001", "2024-25", TERMS, List.of(), HEAD, NOW))
                .expectResultMessagePayload(new CalendarOutcome(CalendarOutcome.Result.PUBLISHED, 1));
    }

    @Test
    void publishing_again_with_a_change_is_an_amendment_showing_before_and_after() {
        fixture.given(new CalendarPublished(ID, "100001", "2024-25", TERMS, List.of(), HEAD, NOW))
                .when(publish(INSET, "INSET day added by governors"))
                .expectEvents(new CalendarAmended(ID, "100001", "2024-25", TERMS, List.of(), TERMS, INSET,
                        "INSET day added by governors", LocalDate.of(2024, 7, 1), HEAD, NOW));
    }

    @Test
    void an_amendment_without_a_reason_is_refused() {
        fixture.given(new CalendarPublished(ID, "100001", "2024-25", TERMS, List.of(), HEAD, NOW))
                .when(publish(INSET, null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void the_same_calendar_again_changes_nothing() {
        fixture.given(new CalendarPublished(ID, "100001", "2024-25", TERMS, List.of(), HEAD, NOW))
                .when(publish(List.of(), null))
                .expectNoEvents()
                .expectResultMessagePayload(new CalendarOutcome(CalendarOutcome.Result.UNCHANGED, 1));
    }
}
