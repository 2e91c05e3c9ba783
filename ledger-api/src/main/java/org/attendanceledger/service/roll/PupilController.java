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
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.roll.api.AdmitPupil;
import org.attendanceledger.roll.api.DeletePupil;
import org.attendanceledger.roll.api.DeletionGround;
import org.attendanceledger.roll.api.DualRegistration;
import org.attendanceledger.roll.api.DualRole;
import org.attendanceledger.roll.api.OtherSchoolConsent;
import org.attendanceledger.roll.api.RecordYearGroupException;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.roll.RollDirectory.DualLink;
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

    /** {@code dualRegistration}: the admission links this stay to the pupil's stay on roll at another school. */
    public record Admission(@NotNull String upn, @NotNull LocalDate startingDay, String yearGroup,
                            @NotNull Actor by, @Valid DualRegistrationRequest dualRegistration) {
    }

    /** The other school, and this stay's role; the other school's stay takes the opposite role. */
    public record DualRegistrationRequest(@NotNull @Size(max = 6) String otherUrn, @NotNull DualRole role) {
    }

    /**
     * {@code evidenceReference}: where the school keeps its evidence for the ground (optional, stored as given).
     * {@code otherSchoolConsent}: required for DUAL_REGISTRATION_ENDED, refused for any other ground.
     */
    public record Deletion(@NotNull LocalDate lastDayOnRoll, @NotNull DeletionGround ground, @NotBlank String reason,
                           @Size(max = 200) String evidenceReference, @NotNull Actor by,
                           @Valid ConsentRequest otherSchoolConsent) {
    }

    /**
     * The other school's consent to ending the dual registration: who gave it and on which day. {@code otherUrn} may
     * be left out when the stay is linked to one school only.
     */
    public record ConsentRequest(@Size(max = 6) String otherUrn, Actor by, LocalDate on) {
    }

    public record YearGroupException(@NotNull String yearGroup, @NotBlank @Size(max = 1000) String reason,
                                     @NotNull Actor by) {
    }

    /**
     * The pupil's stays, and their links to stays at other schools: each stay by its starting day, the other school
     * and its stay, and this stay's role there.
     */
    public record Enrolment(String urn, String upn, List<RollPeriod> periods,
                            List<DualRegistrationView> dualRegistrations) {
    }

    public record DualRegistrationView(LocalDate startingDay, String otherUrn, LocalDate otherStartingDay,
                                       DualRole role) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Admit a pupil from the starting day (a second admission while on roll is 409 ALREADY_ON_ROLL)")
    public Enrolment admit(@PathVariable String urn, @Valid @RequestBody Admission request, HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        Upn.requireValid(request.upn());
        DualRegistration dual = request.dualRegistration() == null ? null
                : dualRegistration(urn, request.upn(), request.dualRegistration());
        Instant now = Instant.now();
        commands.send(new AdmitPupil(AdmitPupil.enrolmentId(urn, request.upn()), urn, request.upn(),
                request.startingDay(), request.yearGroup(), request.by(), now, dual),
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
        OtherSchoolConsent consent = request.otherSchoolConsent() == null ? null
                : new OtherSchoolConsent(request.otherSchoolConsent().otherUrn(), request.otherSchoolConsent().by(),
                        request.otherSchoolConsent().on());
        if (request.ground() == DeletionGround.DUAL_REGISTRATION_ENDED) {
            consent = consentOfLinkedSchool(urn, upn, consent);
        }
        Instant now = Instant.now();
        commands.send(new DeletePupil(AdmitPupil.enrolmentId(urn, upn), urn, upn, request.lastDayOnRoll(),
                request.ground(), request.reason(), request.evidenceReference(), request.by(), now, consent),
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

    /**
     * The school admitting second declares the dual registration: the other school must exist and have the pupil on
     * roll now (an open stay), which the link names; that stay takes the opposite role.
     */
    private DualRegistration dualRegistration(String urn, String upn, DualRegistrationRequest request) {
        KnownSchools.require(schools, request.otherUrn(), "dualRegistration.otherUrn");
        RollPeriod otherStay = roll.openStay(request.otherUrn(), upn).orElseThrow(() -> RequestRejected.single(
                HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.NOT_ON_ROLL, "dualRegistration.otherUrn",
                "the pupil is not on roll at " + request.otherUrn() + ": the school that admits the pupil first"
                        + " admits without dualRegistration, the second one declares it"));
        return new DualRegistration(request.otherUrn(), request.role(), otherStay.startingDay());
    }

    /**
     * Ending a dual registration: the pupil's latest stay must be linked to another school, and the consent is that school's
     * (named by {@code otherUrn}, which may be left out when there is one linked school). A missing or incomplete
     * consent is left for the enrolment to refuse, where the rule lives.
     */
    private OtherSchoolConsent consentOfLinkedSchool(String urn, String upn, OtherSchoolConsent consent) {
        // The latest stay, open or (for a retried deletion) just ended: the enrolment tells those two apart.
        List<RollPeriod> stays = roll.periods(urn, List.of(upn)).getOrDefault(upn, List.of());
        List<String> linked = stays.isEmpty() ? List.of() : roll.dualLinks(urn, upn,
                stays.get(stays.size() - 1).startingDay()).stream().map(DualLink::otherUrn).toList();
        if (linked.isEmpty()) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.NOT_DUAL_REGISTERED, "ground",
                    "the pupil's stay on roll is not dual registered with another school");
        }
        if (consent == null || consent.otherUrn() != null) {
            if (consent != null && !linked.contains(consent.otherUrn())) {
                throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.NOT_DUAL_REGISTERED,
                        "otherSchoolConsent.otherUrn", "the stay is dual registered with " + String.join(", ", linked)
                                + ", not with " + consent.otherUrn());
            }
            return consent;
        }
        if (linked.size() > 1) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED,
                    "otherSchoolConsent.otherUrn", "the stay is dual registered with " + String.join(", ", linked)
                            + ": name the school whose consent this is");
        }
        return new OtherSchoolConsent(linked.get(0), consent.by(), consent.on());
    }

    private void requireKnown(String urn, String upn) {
        roll.requireKnown(urn, upn);
    }

    private Enrolment enrolment(String urn, String upn) {
        List<RollPeriod> periods = roll.periods(urn, List.of(upn)).getOrDefault(upn, List.of());
        List<DualRegistrationView> links = periods.stream().flatMap(stay -> roll.dualLinks(urn, upn,
                stay.startingDay()).stream().map(link -> new DualRegistrationView(stay.startingDay(), link.otherUrn(),
                link.otherStay().startingDay(), link.role()))).toList();
        return new Enrolment(urn, upn, periods, links);
    }
}
