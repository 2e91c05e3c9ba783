package org.attendanceledger.service.school;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.school.RegisterPolicy;
import org.attendanceledger.school.api.ChangeRegisterPolicy;
import org.attendanceledger.school.api.RegisterSchool;
import org.attendanceledger.service.infrastructure.Actors;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.projection.ProjectionReads;
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
@RequestMapping("/api/v1/schools")
@Tag(name = "Administration", description = "Schools in the ledger and their register policy")
public class SchoolController {

    private final CommandSender commands;
    private final SchoolDirectory schools;
    private final Caller caller;

    public SchoolController(CommandSender commands, SchoolDirectory schools, Caller caller) {
        this.commands = commands;
        this.schools = schools;
        this.caller = caller;
    }

    public record CreateSchool(
            @NotNull @Pattern(regexp = "\\d{6}", message = "must be a 6-digit URN") String urn,
            @NotBlank String name,
            @NotNull @Pattern(regexp = "\\d{3}", message = "must be a 3-digit LA code") String laCode,
            @NotNull LocalTime amRegisterStart,
            @NotNull LocalTime pmRegisterStart,
            @NotNull @Min(1) @Max(value = 1440) Integer registerWindowMinutes,
            Boolean closingInstantIsLate,
            LocalTime amSessionEnd,
            LocalTime pmSessionEnd,
            Actor by) {
    }

    /** A register policy for the sessions from {@code effectiveFrom} on; sessions before it keep theirs. */
    public record PolicyChangeRequest(
            @NotNull LocalDate effectiveFrom,
            @NotNull LocalTime amRegisterStart,
            @NotNull LocalTime pmRegisterStart,
            @NotNull @Min(1) @Max(value = 1440) Integer registerWindowMinutes,
            Boolean closingInstantIsLate,
            LocalTime amSessionEnd,
            LocalTime pmSessionEnd,
            String reason,
            Actor by) {
    }

    /** One register policy and the first session date it applies to (null for the school's first policy). */
    public record PolicyView(LocalDate effectiveFrom, LocalTime amRegisterStart, LocalTime pmRegisterStart,
                             int registerWindowMinutes, boolean closingInstantIsLate, LocalTime amSessionEnd,
                             LocalTime pmSessionEnd) {

        static PolicyView of(LocalDate effectiveFrom, RegisterPolicy policy) {
            return new PolicyView(effectiveFrom, policy.amRegisterStart(), policy.pmRegisterStart(),
                    policy.windowMinutes(), policy.closingInstantIsLate(), policy.amSessionEnd(),
                    policy.pmSessionEnd());
        }
    }

    /** A school with the register policy in force today (flattened, as in v1) and every policy over time. */
    public record SchoolView(String urn, String name, String laCode, LocalTime amRegisterStart,
                             LocalTime pmRegisterStart, int registerWindowMinutes, boolean closingInstantIsLate,
                             LocalTime amSessionEnd, LocalTime pmSessionEnd, List<PolicyView> registerPolicies) {

        static SchoolView of(SchoolDirectory.SchoolRecord school) {
            RegisterPolicy policy = school.registerPolicy(ProjectionReads.today());
            List<PolicyView> policies = new ArrayList<>();
            policies.add(PolicyView.of(null, school.registerPolicies().first()));
            school.registerPolicies().changes().forEach((from, change) -> policies.add(PolicyView.of(from, change)));
            return new SchoolView(school.urn(), school.name(), school.laCode(), policy.amRegisterStart(),
                    policy.pmRegisterStart(), policy.windowMinutes(), policy.closingInstantIsLate(),
                    policy.amSessionEnd(), policy.pmSessionEnd(), policies);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a school with its register policy (a window over 30 minutes is WINDOW_OVER_30_MIN)")
    public SchoolView create(@Valid @RequestBody CreateSchool request, HttpServletRequest http) {
        if (request.registerWindowMinutes() > RegisterPolicy.MAX_WINDOW_MINUTES) {
            throw new RuleViolation(ErrorCode.WINDOW_OVER_30_MIN, "registerWindowMinutes",
                    "the register may stay open for at most 30 minutes, not " + request.registerWindowMinutes());
        }
        if (schools.find(request.urn()).isPresent()) {
            throw RequestRejected.single(HttpStatus.CONFLICT, ErrorCode.SCHOOL_EXISTS, "urn",
                    "school " + request.urn() + " is already in the ledger");
        }
        String apiKeyId = caller.apiKeyId(http);
        Instant now = Instant.now();
        commands.send(new RegisterSchool(request.urn(), request.name().strip(), request.laCode(),
                request.amRegisterStart(), request.pmRegisterStart(), request.registerWindowMinutes(),
                Boolean.TRUE.equals(request.closingInstantIsLate()), Actors.orKeyHolder(request.by(), apiKeyId), now,
                request.amSessionEnd(), request.pmSessionEnd()),
                RequestMetadata.of(now, apiKeyId));
        return SchoolView.of(schools.find(request.urn()).orElseThrow());
    }

    @PutMapping("/{urn}/register-policy")
    @Operation(summary = "Change the register policy for the sessions from effectiveFrom on (REGISTER_POLICY_NOT_LATER "
            + "before the latest change; REGISTER_POLICY_REJUDGES_MARKS over L or U marks already made)")
    public SchoolView changePolicy(@PathVariable String urn, @Valid @RequestBody PolicyChangeRequest request,
                                   HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        if (schools.hasLatenessMarksFrom(urn, request.effectiveFrom())) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.REGISTER_POLICY_REJUDGES_MARKS,
                    "effectiveFrom", "the school holds L or U marks for sessions from " + request.effectiveFrom()
                            + " on, judged under the policy then in force; a policy never judges marks already made");
        }
        Instant now = Instant.now();
        commands.send(new ChangeRegisterPolicy(urn, request.effectiveFrom(), request.amRegisterStart(),
                request.pmRegisterStart(), request.registerWindowMinutes(),
                Boolean.TRUE.equals(request.closingInstantIsLate()), request.amSessionEnd(), request.pmSessionEnd(),
                request.reason(), request.by(), now), RequestMetadata.of(now, caller.apiKeyId(http)));
        return SchoolView.of(KnownSchools.require(schools, urn));
    }

    @GetMapping("/{urn}")
    @Operation(summary = "A school and its register policy")
    public SchoolView get(@PathVariable String urn) {
        return SchoolView.of(KnownSchools.require(schools, urn));
    }
}
