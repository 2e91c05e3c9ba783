package org.attendanceledger.service.roll;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.common.Actor;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.roll.api.AdmitPupil;
import org.attendanceledger.roll.api.DeletePupil;
import org.attendanceledger.roll.api.DeletionGround;
import org.attendanceledger.roll.api.RecordYearGroupException;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.roll.RollDirectory.RollPeriod;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schools/{urn}/pupils")
@Tag(name = "School set-up")
public class PupilController {

    private final CommandSender commands;
    private final SchoolDirectory schools;
    private final RollDirectory roll;
    private final Caller caller;

    private final ContinuousAbsenceEvidence continuousAbsence;

    public PupilController(CommandSender commands, SchoolDirectory schools, RollDirectory roll, Caller caller,
                           ContinuousAbsenceEvidence continuousAbsence) {
        this.commands = commands;
        this.schools = schools;
        this.roll = roll;
        this.caller = caller;
        this.continuousAbsence = continuousAbsence;
    }

    public record Admission(@NotNull String upn, @NotNull LocalDate startingDay, String yearGroup,
                            @NotNull Actor by) {
    }

    /** {@code evidenceReference}: where the school keeps its evidence for the ground (optional, stored as given). */
    public record Deletion(@NotNull LocalDate lastDayOnRoll, @NotNull DeletionGround ground, @NotBlank String reason,
                           @Size(max = 200) String evidenceReference, @NotNull Actor by) {
    }

    public record YearGroupException(@NotNull String yearGroup, @NotBlank @Size(max = 1000) String reason,
                                     @NotNull Actor by) {
    }

    public record Enrolment(String urn, String upn, List<RollPeriod> periods) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Admit a pupil from the starting day (a second admission while on roll is 409 ALREADY_ON_ROLL)")
    public Enrolment admit(@PathVariable String urn, @Valid @RequestBody Admission request, HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        Upn.requireValid(request.upn());
        Instant now = Instant.now();
        commands.send(new AdmitPupil(AdmitPupil.enrolmentId(urn, request.upn()), urn, request.upn(),
                request.startingDay(), request.yearGroup(), request.by(), now),
                RequestMetadata.of(now, caller.apiKeyId(http)));
        return enrolment(urn, request.upn());
    }

    @PostMapping("/{upn}/deletion")
    @Operation(summary = "Delete a pupil from roll after the last day on roll, on a lawful ground; on"
            + " CONTINUOUS_ABSENCE_20_DAYS the register must show 20 school days of G, N or O (DELETION_GROUND_NOT_MET)")
    public Enrolment delete(@PathVariable String urn, @PathVariable String upn,
                            @Valid @RequestBody Deletion request, HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        Upn.requireValid(upn);
        requireKnown(urn, upn);
        if (request.ground() == DeletionGround.CONTINUOUS_ABSENCE_20_DAYS) {
            continuousAbsence.require(urn, upn, request.lastDayOnRoll());
        }
        Instant now = Instant.now();
        commands.send(new DeletePupil(AdmitPupil.enrolmentId(urn, upn), urn, upn, request.lastDayOnRoll(),
                request.ground(), request.reason(), request.evidenceReference(), request.by(), now),
                RequestMetadata.of(now, caller.apiKeyId(http)));
        return enrolment(urn, upn);
    }

    @PutMapping("/{upn}/year-groups/{academicYear}")
    @Operation(summary = "Record the pupil's year group for one academic year (e.g. 2025-26) where it is not the"
            + " admission year group moved up every 1 September")
    public Enrolment recordYearGroup(@PathVariable String urn, @PathVariable String upn,
                                     @PathVariable String academicYear,
                                     @Valid @RequestBody YearGroupException request, HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        Upn.requireValid(upn);
        requireKnown(urn, upn);
        Instant now = Instant.now();
        commands.send(new RecordYearGroupException(AdmitPupil.enrolmentId(urn, upn), urn, upn, academicYear,
                request.yearGroup(), request.reason(), request.by(), now), RequestMetadata.of(now, caller.apiKeyId(http)));
        return enrolment(urn, upn);
    }

    @GetMapping("/{upn}")
    @Operation(summary = "A pupil's stays on the school's roll")
    public Enrolment get(@PathVariable String urn, @PathVariable String upn) {
        KnownSchools.require(schools, urn);
        Upn.requireValid(upn);
        requireKnown(urn, upn);
        return enrolment(urn, upn);
    }

    private void requireKnown(String urn, String upn) {
        roll.requireKnown(urn, upn);
    }

    private Enrolment enrolment(String urn, String upn) {
        return new Enrolment(urn, upn, roll.periods(urn, List.of(upn)).getOrDefault(upn, List.of()));
    }
}
