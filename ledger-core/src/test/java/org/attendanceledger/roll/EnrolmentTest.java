package org.attendanceledger.roll;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.roll.api.AdmitPupil;
import org.attendanceledger.roll.api.DeletePupil;
import org.attendanceledger.roll.api.DeletionGround;
import org.attendanceledger.roll.api.DualRegistration;
import org.attendanceledger.roll.api.DualRole;
import org.attendanceledger.roll.api.OtherSchoolConsent;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.attendanceledger.roll.api.RecordYearGroupException;
import org.attendanceledger.roll.api.YearGroupExceptionRecorded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class EnrolmentTest {

    private static final String ID = AdmitPupil.enrolmentId("100001", "H801200001001");
    private static final Actor OFFICE = new Actor("Olive Office", "Attendance officer", "S-OFF");
    private static final Instant NOW = Instant.parse("2024-09-02T10:00:00Z");
    private static final LocalDate START = LocalDate.of(2024, 9, 4);
    private final AggregateTestFixture<Enrolment> fixture = new AggregateTestFixture<>(Enrolment.class);

    private static PupilAdmitted admitted(LocalDate startingDay) {
        return new PupilAdmitted(ID, "100001", "H801200001001", startingDay, "7", OFFICE, NOW, null);
    }

    @Test
    void a_pupil_goes_on_roll_from_the_starting_day() {
        fixture.givenNoPriorActivity()
                .when(new AdmitPupil(ID, "100001", "H801200001001", START, "7", OFFICE, NOW, null))
                .expectEvents(admitted(START));
    }

    @Test
    void a_pupil_on_roll_cannot_be_admitted_twice() {
        fixture.given(admitted(START))
                .when(new AdmitPupil(ID, "100001", "H801200001001", START.plusDays(30), "7", OFFICE, NOW, null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void a_deletion_needs_a_lawful_ground_and_closes_the_stay() {
        LocalDate last = LocalDate.of(2024, 10, 4);
        fixture.given(admitted(START))
                .when(new DeletePupil(ID, "100001", "H801200001001", last, DeletionGround.MOVED_AWAY, "moved", "A/D1 form 2024-17",
                        OFFICE, NOW, null))
                .expectEvents(new PupilDeleted(ID, "100001", "H801200001001", START, last, DeletionGround.MOVED_AWAY,
                        "moved", OFFICE, NOW, "A/D1 form 2024-17", null));
        fixture.given(admitted(START))
                .when(new DeletePupil(ID, "100001", "H801200001001", last, null, "moved", null, OFFICE, NOW, null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void a_pupil_who_left_may_return_after_the_last_day_on_roll() {
        LocalDate last = LocalDate.of(2024, 10, 4);
        LocalDate back = LocalDate.of(2025, 1, 7);
        PupilDeleted left = new PupilDeleted(ID, "100001", "H801200001001", START, last, DeletionGround.MOVED_AWAY,
                "moved", OFFICE, NOW, null, null);
        fixture.given(admitted(START), left)
                .when(new AdmitPupil(ID, "100001", "H801200001001", back, "7", OFFICE, NOW, null))
                .expectEvents(admitted(back));
        fixture.given(admitted(START), left)
                .when(new AdmitPupil(ID, "100001", "H801200001001", last, "7", OFFICE, NOW, null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void an_admission_year_group_must_be_on_the_ladder() {
        fixture.givenNoPriorActivity()
                .when(new AdmitPupil(ID, "100001", "H801200001001", START, "Year 7", OFFICE, NOW, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not a year group"));
    }

    @Test
    void a_year_group_exception_records_the_year_group_it_replaces() {
        // Admitted in year 7 in 2024-25, so in year 8 in 2025-26 until the school records otherwise.
        fixture.given(admitted(START))
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2025-26", "7", "kept back a year",
                        OFFICE, NOW))
                .expectEvents(new YearGroupExceptionRecorded(ID, "100001", "H801200001001", "2025-26", "8", "7",
                        "kept back a year", OFFICE, NOW));
    }

    @Test
    void recording_the_year_group_the_pupil_already_has_stores_nothing() {
        YearGroupExceptionRecorded kept = new YearGroupExceptionRecorded(ID, "100001", "H801200001001", "2025-26",
                "8", "7", "kept back a year", OFFICE, NOW);
        fixture.given(admitted(START), kept)
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2025-26", "7", "kept back a year",
                        OFFICE, NOW))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(admitted(START))
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2024-25", "7", "as admitted",
                        OFFICE, NOW))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_year_group_exception_needs_a_year_on_roll_a_ladder_value_a_reason_and_a_named_person() {
        fixture.given(admitted(START))
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2023-24", "6", "late entry",
                        OFFICE, NOW))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not on the school's roll"));
        fixture.given(admitted(START))
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2025-26", "14", "late entry",
                        OFFICE, NOW))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not a year group"));
        fixture.given(admitted(START))
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2025-26", "7", " ", OFFICE, NOW))
                .expectNoEvents()
                .expectExceptionMessage("a reason is required");
        fixture.given(admitted(START))
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2025-26", "7", "kept back",
                        new Actor("Olive Office", null, null), NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void a_year_after_the_pupil_left_is_not_a_year_on_roll() {
        LocalDate last = LocalDate.of(2024, 10, 4);
        fixture.given(admitted(START), new PupilDeleted(ID, "100001", "H801200001001", START, last,
                        DeletionGround.MOVED_AWAY, "moved", OFFICE, NOW, null, null))
                .when(new RecordYearGroupException(ID, "100001", "H801200001001", "2025-26", "7", "kept back",
                        OFFICE, NOW))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not on the school's roll"));
    }

    @Test
    void ending_a_dual_registration_needs_the_other_schools_consent_and_no_other_ground_carries_one() {
        LocalDate last = LocalDate.of(2024, 10, 4);
        OtherSchoolConsent consent = new OtherSchoolConsent("100002", OFFICE, LocalDate.of(2024, 10, 3));
        fixture.given(admitted(START))
                .when(new DeletePupil(ID, "100001", "H801200001001", last, DeletionGround.DUAL_REGISTRATION_ENDED,
                        "back full time", null, OFFICE, NOW, null))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("needs the other school's consent"));
        fixture.given(admitted(START))
                .when(new DeletePupil(ID, "100001", "H801200001001", last, DeletionGround.MOVED_AWAY, "moved", null,
                        OFFICE, NOW, consent))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("only to the ground"));
        fixture.given(admitted(START))
                .when(new DeletePupil(ID, "100001", "H801200001001", last, DeletionGround.DUAL_REGISTRATION_ENDED,
                        "back full time", null, OFFICE, NOW, consent))
                .expectEvents(new PupilDeleted(ID, "100001", "H801200001001", START, last,
                        DeletionGround.DUAL_REGISTRATION_ENDED, "back full time", OFFICE, NOW, null, consent));
    }

    @Test
    void a_dual_registration_links_two_different_schools() {
        fixture.givenNoPriorActivity()
                .when(new AdmitPupil(ID, "100001", "H801200001001", START, "7", OFFICE, NOW,
                        new DualRegistration("100001", DualRole.SUBSIDIARY, START)))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("two different schools"));
    }
}
