package org.attendanceledger.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import java.util.regex.Pattern;
import org.attendanceledger.access.api.ApiKeyIssued;
import org.attendanceledger.access.api.ApiKeyRevoked;
import org.attendanceledger.access.api.IssueApiKey;
import org.attendanceledger.access.api.RevokeApiKey;
import org.attendanceledger.access.api.Role;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An API key's life: issued with a role and a scope, perhaps revoked. Its stream is the audit record of who gave
 * which access to whom, and when it was withdrawn.
 */
public class ApiKey {

    private static final Pattern URN = Pattern.compile("\\d{6}");
    private static final Pattern LA_CODE = Pattern.compile("\\d{3}");

    @AggregateIdentifier
    private String keyId;
    private boolean revoked;

    protected ApiKey() {
        // required by Axon
    }

    @CommandHandler
    public ApiKey(IssueApiKey command) {
        if (command.name() == null || command.name().isBlank()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "name", "a key needs a name saying who holds it");
        }
        if (command.role() == null) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "role", "a key needs a role");
        }
        List<String> schools = command.schools() == null ? List.of() : command.schools();
        List<String> las = command.las() == null ? List.of() : command.las();
        requireEach(schools, URN, "schools", "a school is named by its 6-digit URN");
        requireEach(las, LA_CODE, "las", "a local authority is named by its 3-digit LA code");
        requireScopeFitsRole(command.role(), schools, las);
        apply(new ApiKeyIssued(command.keyId(), command.name().strip(), command.role(),
                schools.stream().distinct().sorted().toList(), las.stream().distinct().sorted().toList(),
                command.by(), command.issuedByKeyId(), command.issuedAt()));
    }

    /** Returns whether the key was revoked now (false when it had been revoked already). */
    @CommandHandler
    public boolean handle(RevokeApiKey command) {
        if (revoked) {
            return false;
        }
        apply(new ApiKeyRevoked(keyId, command.by(), command.revokedByKeyId(), command.revokedAt()));
        return true;
    }

    private static void requireScopeFitsRole(Role role, List<String> schools, List<String> las) {
        switch (role) {
            case ADMIN -> {
                // A scope on an admin key would suggest a limit that does not exist.
                if (!schools.isEmpty() || !las.isEmpty()) {
                    throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "role",
                            "an admin key acts everywhere and takes no schools or LAs");
                }
            }
            case MIS -> {
                if (schools.isEmpty()) {
                    throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "schools",
                            "an mis key needs at least one school");
                }
                if (!las.isEmpty()) {
                    throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "las",
                            "an mis key is scoped by schools, not LAs");
                }
            }
            case LA_OFFICER -> {
                if (las.isEmpty()) {
                    throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "las",
                            "an la-officer key needs at least one LA");
                }
                if (!schools.isEmpty()) {
                    throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "schools",
                            "an la-officer key is scoped by LAs, not schools");
                }
            }
            case AUDITOR -> {
                // Schools and/or LAs, or neither for the whole ledger.
            }
        }
    }

    private static void requireEach(List<String> values, Pattern pattern, String field, String rule) {
        for (String value : values) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new RuleViolation(ErrorCode.VALIDATION_FAILED, field, rule);
            }
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
