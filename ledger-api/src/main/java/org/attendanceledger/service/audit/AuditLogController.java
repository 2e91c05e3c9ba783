package org.attendanceledger.service.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.security.SchoolScopes;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit/log")
@Validated
@Tag(name = "Tamper-evident log", description = "RFC 9162 Merkle log of every event, signed tree heads and proofs")
public class AuditLogController {

    private final AuditLog log;
    private final LogVerification verification;
    private final Caller caller;
    private final SchoolScopes scopes;

    public AuditLogController(AuditLog log, LogVerification verification, Caller caller, SchoolScopes scopes) {
        this.log = log;
        this.verification = verification;
        this.caller = caller;
        this.scopes = scopes;
    }

    @GetMapping("/public-key")
    @Operation(summary = "The Ed25519 key that signs tree heads (base64 DER SubjectPublicKeyInfo); an earlier key by "
            + "keyId")
    public AuditLog.PublicKeyView publicKey(
            @RequestParam(required = false) @Pattern(regexp = "[0-9a-f]{32}") String keyId) {
        return log.publicKey(keyId);
    }

    @GetMapping("/tree-head")
    @Operation(summary = "The latest signed tree head, or the one signed at exactly treeSize")
    public AuditLog.TreeHeadView treeHead(@RequestParam(required = false) @Min(0) Long treeSize) {
        return log.treeHead(treeSize);
    }

    @GetMapping("/entries")
    @Operation(summary = "Log entries from start, in log order: the leaf bytes, the logged leaf hash and the event. A "
            + "scoped auditor gets its schools' entries only")
    public AuditLog.EntriesPage entries(@RequestParam(defaultValue = "0") @Min(0) long start,
                                        @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                        HttpServletRequest http) {
        return log.entries(start, limit, scopes.of(caller.principal(http)));
    }

    @GetMapping("/proofs/inclusion")
    @Operation(summary = "The audit path of a leaf in the tree of treeSize (default: the latest signed head)")
    public AuditLog.InclusionProof inclusion(@RequestParam @Min(0) long logIndex,
                                             @RequestParam(required = false) @Min(1) Long treeSize) {
        return log.inclusion(logIndex, treeSize);
    }

    @GetMapping("/proofs/consistency")
    @Operation(summary = "The RFC 9162 consistency proof from the tree of size first to the tree of size second")
    public AuditLog.ConsistencyProof consistency(@RequestParam @Min(0) long first, @RequestParam @Min(0) long second) {
        return log.consistency(first, second);
    }

    @GetMapping("/verify")
    @Operation(summary = "Recomputes every leaf in [from, to) from the event store as it reads now and checks it "
            + "against the log and the signed heads; names the first changed, missing or reordered logIndex")
    public LogVerification.Result verify(@RequestParam(required = false) @Min(0) Long from,
                                         @RequestParam(required = false) @Min(0) Long to) {
        return verification.verify(from, to);
    }
}
