package org.attendanceledger.service.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.attendanceledger.access.api.Role;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.security.ApiKeyDirectory.KeyRecord;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "Administration")
public class ApiKeyController {

    private static final String ROLES = Arrays.stream(Role.values()).map(Role::wireName)
            .collect(Collectors.joining(", "));

    private final ApiKeyService keys;
    private final Caller caller;

    public ApiKeyController(ApiKeyService keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    public record IssueRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull String role,
            List<@NotNull @Pattern(regexp = "\\d{6}", message = "must be a 6-digit URN") String> schools,
            List<@NotNull @Pattern(regexp = "\\d{3}", message = "must be a 3-digit LA code") String> las,
            Actor by) {
    }

    /** The answer to an issue: the only time the token is ever shown. */
    public record IssuedKeyView(String id, String token, String name, String role, List<String> schools,
                                List<String> las, Instant issuedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue an API key with a role (admin, mis, la-officer, auditor) and a scope; "
            + "the token is shown once and stored only as a keyed hash")
    public IssuedKeyView issue(@Valid @RequestBody IssueRequest request, HttpServletRequest http) {
        Role role = Role.fromWireName(request.role()).orElseThrow(() -> RequestRejected.single(
                HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "role", "role must be one of " + ROLES));
        ApiKeyService.IssuedKey issued = keys.issue(request.name(), role, orEmpty(request.schools()),
                orEmpty(request.las()), request.by(), caller.apiKeyId(http));
        KeyRecord key = issued.key();
        return new IssuedKeyView(key.keyId(), issued.token(), key.name(), key.role().wireName(), key.schools(),
                key.las(), key.issuedAt());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API key: it stops working at once (revoking it again changes nothing)")
    public void revoke(@PathVariable String id, HttpServletRequest http) {
        keys.revoke(id, caller.apiKeyId(http));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
