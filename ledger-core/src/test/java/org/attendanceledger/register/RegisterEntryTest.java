package org.attendanceledger.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentMechanism;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.staff.AuthorisedPersons;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegisterEntryTest {

    private static final String URN = "100001";
    private static final String UPN = "H801200001001";
    private static final LocalDate DATE = LocalDate.of(2024, 10, 1);
    private static final String ID = new RegisterEntryId(URN, UPN, DATE, Session.AM).value();
    private static final Actor TEACHER = new Actor("Tom Teacher", "Class teacher", "S-T1");
    private static final Actor HEAD = new Actor("Ann Head", "Headteacher", "S-HEAD");
    private static final Instant RECORDED = Instant.parse("2024-10-01T07:52:10Z");
    private static final Instant AMENDED = Instant.parse("2024-10-08T09:00:00Z");

    /** Only the head holds an AUTHORISE_ABSENCE grant. */
    private static final AuthorisedPersons ONLY_THE_HEAD =
            (urn, staffId, scope, on) -> "S-HEAD".equals(staffId);

    private FixtureConfiguration<RegisterEntry> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RegisterEntry.class);
        fixture.registerInjectableResource(ONLY_THE_HEAD);
    }

    private static RecordMark record(String code) {
        return RecordMark.of(URN, UPN, DATE, Session.AM, code, null, null, TEACHER, RECORDED);
    }

    private static AttendanceMarkRecorded recorded(String code) {
        return new AttendanceMarkRecorded(ID, URN, UPN, DATE, Session.AM, code, "REG24", null, null, TEACHER,
                RECORDED);
    }

    private static AmendMark amend(String code, Actor by, Long expectedVersion) {
        return AmendMark.of(URN, UPN, DATE, Session.AM, code, null, null, "reason given", by, AMENDED,
                expectedVersion);
    }

    private static AttendanceMarkAmended amended(String from, String to, Actor by) {
        return new AttendanceMarkAmended(ID, URN, UPN, DATE, Session.AM, from, null, to, "REG24", null, null,
                "reason given", LocalDate.of(2024, 10, 8), AMENDED, by, AmendmentMechanism.MANUAL);
    }

    @Test
    void the_first_mark_for_a_session_is_recorded_as_the_original_entry() {
        fixture.givenNoPriorActivity()
                .when(record("/"))
                .expectEvents(recorded("/"))
                .expectResultMessagePayload(new MarkOutcome(MarkOutcome.Status.RECORDED, 1, "/"));
    }

    @Test
    void the_same_mark_again_is_a_duplicate_and_records_nothing() {
        fixture.given(recorded("/"))
                .when(record("/"))
                .expectNoEvents()
                .expectResultMessagePayload(new MarkOutcome(MarkOutcome.Status.DUPLICATE, 1, "/"));
    }

    @Test
    void a_different_mark_for_a_recorded_session_is_a_conflict_not_an_overwrite() {
        fixture.given(recorded("/"))
                .when(record("N"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("amendment"));
    }

    @Test
    void a_code_retired_in_2024_is_refused_for_a_2024_25_session() {
        fixture.givenNoPriorActivity()
                .when(record("H"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void an_amendment_records_previous_and_new_code_with_reason_date_name_and_position() {
        fixture.given(recorded("N"))
                .when(amend("O", TEACHER, 1L))
                .expectEvents(amended("N", "O", TEACHER))
                .expectResultMessagePayload(new AmendmentOutcome(2, "N", "O", false));
    }

    @Test
    void the_events_replay_to_the_same_state_the_commands_built() {
        // Rebuilt from its three events, the entry is at version 3 and reads G: re-posting G is a duplicate.
        fixture.given(recorded("I"), amended("I", "O", HEAD), amended("O", "G", HEAD))
                .when(RecordMark.of(URN, UPN, DATE, Session.AM, "G", null, null, TEACHER, RECORDED))
                .expectNoEvents()
                .expectResultMessagePayload(new MarkOutcome(MarkOutcome.Status.DUPLICATE, 3, "G"));
    }

    @Test
    void an_amendment_against_a_stale_version_is_refused() {
        fixture.given(recorded("N"), amended("N", "O", TEACHER))
                .when(amend("G", TEACHER, 1L))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("version 2"));
    }

    @Test
    void only_an_authorised_person_may_move_a_mark_between_authorised_and_unauthorised() {
        fixture.given(recorded("I"))
                .when(amend("G", TEACHER, null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(recorded("I"))
                .when(amend("G", HEAD, null))
                .expectEvents(amended("I", "G", HEAD));
    }

    @Test
    void an_amendment_without_a_reason_is_refused() {
        fixture.given(recorded("N"))
                .when(AmendMark.of(URN, UPN, DATE, Session.AM, "O", null, null, "  ", TEACHER, AMENDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void an_amendment_for_a_session_never_recorded_finds_no_original_entry() {
        fixture.givenNoPriorActivity()
                .when(amend("O", TEACHER, null))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void the_authorisation_families_are_decided_by_the_code_set_of_the_session_date() {
        LocalDate before2024 = LocalDate.of(2024, 3, 4);
        // J was attendance before 19 Aug 2024, so J to O crosses into the unauthorised family.
        assertThat(RegisterEntry.changesAuthorisation("J", "O", before2024)).isTrue();
        assertThat(RegisterEntry.changesAuthorisation("N", "O", DATE)).isFalse();
        assertThat(RegisterEntry.changesAuthorisation("/", "L", DATE)).isFalse();
        assertThat(RegisterEntry.changesAuthorisation("/", "X", DATE)).isFalse();
        assertThat(RegisterEntry.changesAuthorisation("I", "O", DATE)).isTrue();
        assertThat(RegisterEntry.changesAuthorisation("/", "N", DATE)).isTrue();
    }

    @Test
    void minutes_late_only_accompany_l_or_u() {
        fixture.givenNoPriorActivity()
                .when(RecordMark.of(URN, UPN, DATE, Session.AM, "/", 5, null, TEACHER, RECORDED))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegisterEntry.checkMinutesLate("/", 5))
                .isInstanceOfSatisfying(RuleViolation.class,
                        v -> assertThat(v.code()).isEqualTo(ErrorCode.MINUTES_LATE_NOT_ALLOWED));
    }
}
