package org.attendanceledger.roll;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.roll.api.AdmitPupil;
import org.attendanceledger.roll.api.DeletePupil;
import org.attendanceledger.roll.api.DeletionGround;
import org.attendanceledger.roll.api.DualRegistration;
import org.attendanceledger.roll.api.OtherSchoolConsent;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.attendanceledger.roll.api.RecordYearGroupException;
import org.attendanceledger.roll.api.YearGroupExceptionRecorded;
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
    /** Every stay, in order; the last one is open while the pupil is on roll. */
    private final List<Stay> stays = new ArrayList<>();
    private final Map<AcademicYear, String> yearGroupExceptions = new HashMap<>();

    private record Stay(LocalDate startingDay, LocalDate lastDayOnRoll, String yearGroup) {

        boolean overlaps(AcademicYear year) {
            return !startingDay.isAfter(year.lastDay())
                    && (lastDayOnRoll == null || !lastDayOnRoll.isBefore(year.firstDay()));
        }
    }

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
        if (command.yearGroup() != null && !YearGroups.isOnLadder(command.yearGroup())) {
            throw notOnLadder("yearGroup");
        }
        if (lastDayOnRoll != null && !command.startingDay().isAfter(lastDayOnRoll)) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "startingDay",
                    "a new starting day must come after the last day on roll, " + lastDayOnRoll);
        }
        DualRegistration dual = command.dualRegistration();
        if (dual != null && (dual.otherUrn() == null || dual.otherUrn().equals(command.urn()))) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "dualRegistration.otherUrn",
                    "a dual registration links two different schools");
        }
        if (dual != null && dual.role() == null) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "dualRegistration.role", "MAIN or SUBSIDIARY");
        }
        apply(new PupilAdmitted(command.enrolmentId(), command.urn(), command.upn(), command.startingDay(),
                command.yearGroup(), command.by(), command.recordedAt(), dual));
    }

    @CommandHandler
    public void handle(DeletePupil command) {
        requireIdentified(command.by() != null && command.by().hasNameAndPosition());
        requireConsentExactlyForEndingDualRegistration(command);
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
                command.ground(), command.reason().strip(), command.by(), command.recordedAt(),
                command.evidenceReference(), command.otherSchoolConsent()));
    }

    /**
     * An exception to the yearly move-up for one academic year in which the pupil was or is on roll. Asking for the
     * year group the pupil already has that year (a retry, say) stores nothing.
     */
    @CommandHandler
    public void handle(RecordYearGroupException command) {
        requireIdentified(command.by() != null && command.by().hasNameAndPosition());
        AcademicYear year;
        try {
            year = AcademicYear.parse(command.academicYear());
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "academicYear", e.getMessage());
        }
        if (!YearGroups.isOnLadder(command.yearGroup())) {
            throw notOnLadder("yearGroup");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "reason", "a reason is required");
        }
        Stay stay = stays.stream().filter(s -> s.overlaps(year)).reduce((first, second) -> second)
                .orElseThrow(() -> new RuleViolation(ErrorCode.NOT_ON_ROLL, "academicYear",
                        "the pupil is not on the school's roll at any time in " + year));
        LocalDate firstDayOnRoll = stay.startingDay().isAfter(year.firstDay()) ? stay.startingDay() : year.firstDay();
        String current = YearGroups.onDate(stay.yearGroup(), stay.startingDay(), yearGroupExceptions, firstDayOnRoll);
        if (Objects.equals(current, command.yearGroup())) {
            return;
        }
        apply(new YearGroupExceptionRecorded(enrolmentId, command.urn(), command.upn(), year.toString(), current,
                command.yearGroup(), command.reason().strip(), command.by(), command.recordedAt()));
    }

    private static RuleViolation notOnLadder(String field) {
        return new RuleViolation(ErrorCode.VALIDATION_FAILED, field,
                "not a year group: one of " + String.join(", ", YearGroups.LADDER));
    }

    /**
     * Ending a dual registration needs the other school's consent, with who gave it and when [REG24 reg 9(1)(c)];
     * a consent on any other ground would be a record of something the ground does not involve, so it is refused.
     */
    private static void requireConsentExactlyForEndingDualRegistration(DeletePupil command) {
        OtherSchoolConsent consent = command.otherSchoolConsent();
        if (command.ground() != DeletionGround.DUAL_REGISTRATION_ENDED) {
            if (consent != null) {
                throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "otherSchoolConsent",
                        "the other school's consent belongs only to the ground DUAL_REGISTRATION_ENDED");
            }
            return;
        }
        if (consent == null || consent.otherUrn() == null || consent.on() == null || consent.by() == null
                || !consent.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.OTHER_SCHOOL_CONSENT_MISSING, "otherSchoolConsent",
                    "ending a dual registration needs the other school's consent: who gave it (name and position)"
                            + " and on which day");
        }
    }

    /** A retried deletion stores nothing twice. */
    private boolean isRepeatOfLastDeletion(DeletePupil command) {
        return lastDeletion != null && lastDeletion.lastDayOnRoll().equals(command.lastDayOnRoll())
                && lastDeletion.ground() == command.ground() && command.reason() != null
                && lastDeletion.reason().equals(command.reason().strip())
                && Objects.equals(lastDeletion.evidenceReference(), command.evidenceReference())
                && Objects.equals(lastDeletion.otherSchoolConsent(), command.otherSchoolConsent());
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
        stays.add(new Stay(event.startingDay(), null, event.yearGroup()));
    }

    @EventSourcingHandler
    void on(PupilDeleted event) {
        lastDayOnRoll = event.lastDayOnRoll();
        lastDeletion = event;
        onRoll = false;
        Stay ended = stays.remove(stays.size() - 1);
        stays.add(new Stay(ended.startingDay(), event.lastDayOnRoll(), ended.yearGroup()));
    }

    @EventSourcingHandler
    void on(YearGroupExceptionRecorded event) {
        yearGroupExceptions.put(AcademicYear.parse(event.academicYear()), event.yearGroup());
    }
}
