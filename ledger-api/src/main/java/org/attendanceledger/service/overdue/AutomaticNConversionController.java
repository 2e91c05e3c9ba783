package org.attendanceledger.service.overdue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.TextLimits;
import org.attendanceledger.school.api.SetAutomaticNConversion;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schools/{urn}")
@Tag(name = "Overdue N")
public class AutomaticNConversionController {

    private final CommandSender commands;
    private final SchoolDirectory schools;
    private final AutomaticNConversion conversion;
    private final Caller caller;

    public AutomaticNConversionController(CommandSender commands, SchoolDirectory schools,
                                          AutomaticNConversion conversion, Caller caller) {
        this.commands = commands;
        this.schools = schools;
        this.conversion = conversion;
        this.caller = caller;
    }

    public record PolicyRequest(@NotNull Boolean enabled, Actor owner, String policyVersion, @NotNull Actor by) {
    }

    public record PolicyView(String urn, boolean enabled, Actor owner, String policyVersion) {
    }

    public record ConversionResult(String urn, LocalDate asOf, List<AutomaticNConversion.Conversion> converted) {
    }

    @PutMapping("/n-conversion-policy")
    @Operation(summary = "Switch automatic N to O conversion on or off; conversions are attributed to the named owner")
    public PolicyView setPolicy(@PathVariable String urn, @Valid @RequestBody PolicyRequest request,
                                HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        Instant now = Instant.now();
        commands.send(new SetAutomaticNConversion(urn, request.enabled(), request.owner(), request.policyVersion(),
                request.by(), now), RequestMetadata.of(now, caller.apiKeyId(http)));
        return schools.nConversionPolicy(urn)
                .map(policy -> new PolicyView(urn, true, policy.owner(), policy.policyVersion()))
                .orElse(new PolicyView(urn, false, null, null));
    }

    @PostMapping("/overdue-n/conversions")
    @Operation(summary = "Convert the N marks overdue on asOf (default today) to O under the school's policy;"
            + " refused with NO_POLICY_OWNER when the school has none, AS_OF_IN_FUTURE when asOf is after today")
    public ConversionResult convert(@PathVariable String urn,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate asOf,
                                    HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        LocalDate date = asOf == null ? LocalDate.now(LedgerClock.ENGLAND) : asOf;
        TextLimits.problem(date).ifPresent(problem -> {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "asOf",
                    "asOf " + problem);
        });
        return new ConversionResult(urn, date, conversion.convert(urn, date, caller.apiKeyId(http)));
    }
}
