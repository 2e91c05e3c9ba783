package org.attendanceledger.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
import org.attendanceledger.staff.api.GrantScope;
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
    private static final AuthorisedPersons ONLY_THE_HEAD = new AuthorisedPersons() {
        @Override
        public boolean holds(String urn, String staffId, GrantScope scope, LocalDate on) {
            return "S-HEAD".equals(staffId);
        }

        @Override
        public List<String> holderNames(String urn, String staffId) {
            return "S-HEAD".equals(staffId) ? List.of("Ann Head") : List.of();
        }
    };

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
    void an_amendment_decides_authorisation_when_the_code_before_or_after_it_is_an_authorised_absence() {
        LocalDate before2024 = LocalDate.of(2024, 3, 4);
        // H was authorised leave before 19 Aug 2024: withdrawing it is a decision; J was attendance, so J to O is not.
        assertThat(RegisterEntryDecisions.decidesAuthorisation("H", "G", before2024)).isTrue();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("J", "O", before2024)).isFalse();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("N", "I", DATE)).isTrue();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("I", "O", DATE)).isTrue();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("I", "M", DATE)).isTrue();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("N", "O", DATE)).isFalse();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("N", "G", DATE)).isFalse();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("N", "L", DATE)).isFalse();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("N", "/", DATE)).isFalse();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("/", "N", DATE)).isFalse();
        assertThat(RegisterEntryDecisions.decidesAuthorisation("/", "X", DATE)).isFalse();
    }

    @Test
    void correcting_n_to_late_needs_no_grant() {
        fixture.given(recorded("N"))
                .when(amend("L", TEACHER, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_name_that_is_not_the_holder_of_the_staff_id_it_gives_is_refused() {
        Actor impostor = new Actor("Tom Teacher", "Class teacher", "S-HEAD");
        fixture.given(recorded("N"))
                .when(amend("I", impostor, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("belongs to Ann Head"));
    }

    @Test
    void the_holder_may_write_their_name_with_other_case_and_spacing() {
        Actor head = new Actor("ann  HEAD", "Headteacher", "S-HEAD");
        fixture.given(recorded("N"))
                .when(amend("I", head, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void minutes_late_only_accompany_l_or_u() {
        fixture.givenNoPriorActivity()
                .when(RecordMark.of(URN, UPN, DATE, Session.AM, "/", 5, null, TEACHER, RECORDED))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        assertThat(MarkRules.minutesLateViolation("/", 5)).get()
                .extracting(RuleViolation::code).isEqualTo(ErrorCode.MINUTES_LATE_NOT_ALLOWED);
    }
}
