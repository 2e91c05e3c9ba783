package org.attendanceledger.service.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attendanceledger.common.Actor;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.attendanceledger.staff.api.GrantAuthorisedPerson;
import org.attendanceledger.staff.api.GrantScope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schools/{urn}/staff-grants")
@Tag(name = "School set-up")
public class StaffGrantController {

    private final CommandSender commands;
    private final SchoolDirectory schools;
    private final StaffGrantDirectory grants;
    private final Caller caller;

    public StaffGrantController(CommandSender commands, SchoolDirectory schools, StaffGrantDirectory grants,
                                Caller caller) {
        this.commands = commands;
        this.schools = schools;
        this.grants = grants;
        this.caller = caller;
    }

    public record GrantRequest(@NotBlank String staffId, @NotBlank String name, @NotBlank String position,
                               @NotEmpty Set<GrantScope> scopes, @NotNull LocalDate from, LocalDate to,
                               @NotNull Actor by) {
    }

    public record GrantView(String grantId, String urn, String staffId, String name, String position,
                            Set<GrantScope> scopes, LocalDate from, LocalDate to) {
    }

    @PostMapping
    @Operation(summary = "Make a member of staff an authorised person (AUTHORISE_ABSENCE, GRANT_LEAVE), effective-dated")
    public ResponseEntity<GrantView> grant(@PathVariable String urn, @Valid @RequestBody GrantRequest request,
                                           HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        Optional<String> existing = grants.findIdentical(urn, request.staffId(), request.scopes(), request.from(),
                request.to());
        if (existing.isPresent()) {
            // A retry: the grant is already on the register of authorised persons.
            return ResponseEntity.ok(view(existing.get(), urn, request));
        }
        String grantId = urn + ":" + UUID.randomUUID();
        Instant now = Instant.now();
        commands.send(new GrantAuthorisedPerson(grantId, urn, request.staffId(), request.name(), request.position(),
                Set.copyOf(request.scopes()), request.from(), request.to(), request.by(), now),
                RequestMetadata.of(now, caller.apiKeyId(http)));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(grantId, urn, request));
    }

    private static GrantView view(String grantId, String urn, GrantRequest request) {
        return new GrantView(grantId, urn, request.staffId(), request.name(), request.position(), request.scopes(),
                request.from(), request.to());
    }
}
