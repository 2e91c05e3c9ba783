package org.attendanceledger.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.register.RegisterEntryDecisions.Decision;
import org.attendanceledger.register.RegisterEntryDecisions.EntryState;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.staff.AuthorisedPersons;
import org.attendanceledger.staff.api.GrantScope;
import org.junit.jupiter.api.Test;

/** The entry's decisions as plain functions: no Axon, no fixture, just state in and events out. */
class RegisterEntryDecisionsTest {

    private static final LocalDate DATE = LocalDate.of(2024, 10, 1);
    private static final Actor TEACHER = new Actor("Tom Teacher", "Class teacher", "S-T1");
    private static final Instant RECORDED = Instant.parse("2024-10-01T07:52:10Z");
    private static final AuthorisedPersons NOBODY_HOLDS_GRANTS = new AuthorisedPersons() {
        @Override
        public boolean holds(String urn, String staffId, GrantScope scope, LocalDate on) {
            return false;
        }

        @Override
        public List<String> holderNames(String urn, String staffId) {
            return List.of();
        }
    };

    private static RecordMark mark(String code, Integer minutesLate) {
        return RecordMark.of("100001", "H801200001001", DATE, Session.AM, code, minutesLate, null, TEACHER, RECORDED);
    }

    private static EntryState after(RecordMark first) {
        Decision<MarkOutcome> decision = RegisterEntryDecisions.decide(first, EntryState.NONE);
        return RegisterEntryDecisions.evolve(EntryState.NONE, decision.events().get(0));
    }

    @Test
    void a_session_with_no_entry_gets_its_original_entry_at_version_one() {
        Decision<MarkOutcome> decision = RegisterEntryDecisions.decide(mark("L", 12), EntryState.NONE);

        assertThat(decision.events()).singleElement().isInstanceOfSatisfying(AttendanceMarkRecorded.class, event -> {
            assertThat(event.code()).isEqualTo("L");
            assertThat(event.minutesLate()).isEqualTo(12);
            assertThat(event.codeSetVersion()).isEqualTo("REG24");
        });
        assertThat(decision.outcome()).isEqualTo(new MarkOutcome(MarkOutcome.Status.RECORDED, 1, "L"));
    }

    @Test
    void the_same_mark_again_is_a_duplicate_that_stores_nothing() {
        Decision<MarkOutcome> again = RegisterEntryDecisions.decide(mark("L", 12), after(mark("L", 12)));

        assertThat(again.events()).isEmpty();
        assertThat(again.outcome()).isEqualTo(new MarkOutcome(MarkOutcome.Status.DUPLICATE, 1, "L"));
    }

    @Test
    void another_mark_for_a_session_with_an_entry_is_a_conflict_even_when_only_the_lateness_differs() {
        assertThatThrownBy(() -> RegisterEntryDecisions.decide(mark("L", 13), after(mark("L", 12))))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(ErrorCode.MARK_CONFLICT));
    }

    @Test
    void the_original_entry_is_still_a_duplicate_after_an_amendment() {
        EntryState amended = RegisterEntryDecisions.evolve(after(mark("N", null)), new AttendanceMarkAmended(
                null, "100001", "H801200001001", DATE, Session.AM, "N", null, "/", "REG24", null, null,
                "arrived late from the dentist", DATE, RECORDED, TEACHER, null));

        Decision<MarkOutcome> resent = RegisterEntryDecisions.decide(mark("N", null), amended);

        assertThat(resent.events()).isEmpty();
        assertThat(resent.outcome()).isEqualTo(new MarkOutcome(MarkOutcome.Status.DUPLICATE, 2, "/"));
    }

    @Test
    void every_rule_an_original_entry_breaks_on_its_own_is_reported_and_the_first_refuses_it() {
        RecordMark bad = RecordMark.of("100001", "H801200001001", DATE, Session.AM, "7", 5, null,
                new Actor("Tom", " ", null), null);

        assertThat(RegisterEntryDecisions.originalEntryViolations(bad)).extracting(RuleViolation::field)
                .containsExactly("recordedBy", "recordedAt", "code", "minutesLate");
        assertThatThrownBy(() -> RegisterEntryDecisions.decide(bad, EntryState.NONE))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.field()).isEqualTo("recordedBy"));
    }

    @Test
    void an_amendment_names_each_missing_audit_item() {
        assertThat(RegisterEntryDecisions.missingAuditItems(" ", new Actor(null, "Head", null), null))
                .extracting(RuleViolation::field).containsExactly("reason", "amendedBy.name", "amendedAt");
    }

    @Test
    void an_amendment_that_decides_authorisation_needs_a_grant_holder() {
        AmendMark authorise = AmendMark.of("100001", "H801200001001", DATE, Session.AM, "I", null, null,
                "doctor's note", TEACHER, RECORDED.plusSeconds(3600), null);

        assertThatThrownBy(() -> RegisterEntryDecisions.decide(authorise, after(mark("N", null)),
                NOBODY_HOLDS_GRANTS)).isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(ErrorCode.ACTOR_NOT_AUTHORISED));
    }

    @Test
    void routine_correction_amends_at_the_next_version_and_evolve_reads_it() {
        AmendMark correct = AmendMark.of("100001", "H801200001001", DATE, Session.AM, "/", null, null,
                "register corrected", TEACHER, RECORDED.plusSeconds(3600), 1L);

        Decision<AmendmentOutcome> decision = RegisterEntryDecisions.decide(correct, after(mark("N", null)),
                NOBODY_HOLDS_GRANTS);
        EntryState amended = RegisterEntryDecisions.evolve(after(mark("N", null)), decision.events().get(0));

        assertThat(decision.outcome()).isEqualTo(new AmendmentOutcome(2, "N", "/", false));
        assertThat(amended.current()).isEqualTo(new RegisterEntryDecisions.Entry("/", null));
        assertThat(amended.original()).isEqualTo(new RegisterEntryDecisions.Entry("N", null));
    }
}
