package org.attendanceledger.roll;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.roll.api.AdmitPupil;
import org.attendanceledger.roll.api.DeletePupil;
import org.attendanceledger.roll.api.DeletionGround;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class EnrolmentTest {

    private static final String ID = AdmitPupil.enrolmentId("100001", "H801200001001");
    private static final Actor OFFICE = new Actor("Olive Office", "Attendance officer", "S-OFF");
    private static final Instant NOW = Instant.parse("2024-09-02T10:00:00Z");
    private static final LocalDate START = LocalDate.of(2024, 9, 4);
    private final AggregateTestFixture<Enrolment> fixture = new AggregateTestFixture<>(Enrolment.class);

    private static PupilAdmitted admitted(LocalDate startingDay) {
        return new PupilAdmitted(ID, "100001", "H801200001001", startingDay, "7", OFFICE, NOW);
    }

    @Test
    void a_pupil_goes_on_roll_from_the_starting_day() {
        fixture.givenNoPriorActivity()
                .when(new AdmitPupil(ID, "100001", "H801200001001", START, "7", OFFICE, NOW))
                .expectEvents(admitted(START));
    }

    @Test
    void a_pupil_on_roll_cannot_be_admitted_twice() {
        fixture.given(admitted(START))
                .when(new AdmitPupil(ID, "100001", "H801200001001", START.plusDays(30), "7", OFFICE, NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void a_deletion_needs_a_lawful_ground_and_closes_the_stay() {
        LocalDate last = LocalDate.of(2024, 10, 4);
        fixture.given(admitted(START))
                .when(new DeletePupil(ID, "100001", "H801200001001", last, DeletionGround.MOVED_AWAY, "moved", OFFICE,
                        NOW))
                .expectEvents(new PupilDeleted(ID, "100001", "H801200001001", START, last, DeletionGround.MOVED_AWAY,
                        "moved", OFFICE, NOW));
        fixture.given(admitted(START))
                .when(new DeletePupil(ID, "100001", "H801200001001", last, null, "moved", OFFICE, NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void a_pupil_who_left_may_return_after_the_last_day_on_roll() {
        LocalDate last = LocalDate.of(2024, 10, 4);
        LocalDate back = LocalDate.of(2025, 1, 7);
        PupilDeleted left = new PupilDeleted(ID, "100001", "H801200001001", START, last, DeletionGround.MOVED_AWAY,
                "moved", OFFICE, NOW);
        fixture.given(admitted(START), left)
                .when(new AdmitPupil(ID, "100001", "H801200001001", back, "7", OFFICE, NOW))
                .expectEvents(admitted(back));
        fixture.given(admitted(START), left)
                .when(new AdmitPupil(ID, "100001", "H801200001001", last, "7", OFFICE, NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
