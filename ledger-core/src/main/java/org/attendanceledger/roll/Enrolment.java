package org.attendanceledger.roll;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.roll.api.AdmitPupil;
import org.attendanceledger.roll.api.DeletePupil;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A pupil's entry on one school's admission register. A pupil who left may be admitted again later; each stay runs
 * from its starting day to its last day on roll.
 */
public class Enrolment {

    @AggregateIdentifier
    private String enrolmentId;
    private LocalDate startingDay;
    private LocalDate lastDayOnRoll;
    private boolean onRoll;
    private PupilDeleted lastDeletion;

    protected Enrolment() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AdmitPupil command) {
        requireIdentified(command.by() != null && command.by().hasNameAndPosition());
        if (command.startingDay() == null) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "startingDay", "the starting day is required");
        }
        if (onRoll) {
            throw new RuleViolation(ErrorCode.ALREADY_ON_ROLL, "upn",
                    "pupil is already on roll from " + startingDay + "; delete the entry before admitting again");
        }
        if (lastDayOnRoll != null && !command.startingDay().isAfter(lastDayOnRoll)) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "startingDay",
                    "a new starting day must come after the last day on roll, " + lastDayOnRoll);
        }
        apply(new PupilAdmitted(command.enrolmentId(), command.urn(), command.upn(), command.startingDay(),
                command.yearGroup(), command.by(), command.recordedAt()));
    }

    @CommandHandler
    public void handle(DeletePupil command) {
        requireIdentified(command.by() != null && command.by().hasNameAndPosition());
        if (!onRoll && isRepeatOfLastDeletion(command)) {
            return;
        }
        if (!onRoll) {
            throw new RuleViolation(ErrorCode.NOT_ON_ROLL, "upn", "pupil is not on roll");
        }
        if (command.ground() == null) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "ground", "a lawful deletion ground is required");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "reason", "a reason is required");
        }
        if (command.lastDayOnRoll() == null || command.lastDayOnRoll().isBefore(startingDay.minusDays(1))) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "lastDayOnRoll",
                    "the last day on roll cannot come before the starting day, " + startingDay);
        }
        apply(new PupilDeleted(enrolmentId, command.urn(), command.upn(), startingDay, command.lastDayOnRoll(),
                command.ground(), command.reason().strip(), command.by(), command.recordedAt()));
    }

    /** A retried deletion stores nothing twice. */
    private boolean isRepeatOfLastDeletion(DeletePupil command) {
        return lastDeletion != null && lastDeletion.lastDayOnRoll().equals(command.lastDayOnRoll())
                && lastDeletion.ground() == command.ground() && command.reason() != null
                && lastDeletion.reason().equals(command.reason().strip());
    }

    private static void requireIdentified(boolean identified) {
        if (!identified) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "by",
                    "admission-register changes need the name and position of the person making them");
        }
    }

    @EventSourcingHandler
    void on(PupilAdmitted event) {
        enrolmentId = event.enrolmentId();
        startingDay = event.startingDay();
        lastDayOnRoll = null;
        onRoll = true;
    }

    @EventSourcingHandler
    void on(PupilDeleted event) {
        lastDayOnRoll = event.lastDayOnRoll();
        lastDeletion = event;
        onRoll = false;
    }
}
