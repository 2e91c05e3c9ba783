package org.attendanceledger.service.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.attendanceledger.access.api.IssueApiKey;
import org.attendanceledger.access.api.RevokeApiKey;
import org.attendanceledger.access.api.Role;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.infrastructure.Actors;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.security.ApiKeyDirectory.KeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Issues and revokes API keys: each is an event in the ledger, so auditors see who gave access to whom and when. */
@Service
public class ApiKeyService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyService.class);

    private final CommandSender commands;
    private final ApiKeyDirectory keys;
    private final ApiKeyHasher hasher;
    private final TransactionTemplate transactions;

    public ApiKeyService(CommandSender commands, ApiKeyDirectory keys, ApiKeyHasher hasher,
                         PlatformTransactionManager transactionManager) {
        this.commands = commands;
        this.keys = keys;
        this.hasher = hasher;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A newly issued key with its token, which exists only in this answer. */
    public record IssuedKey(KeyRecord key, String token) {
    }

    public IssuedKey issue(String name, Role role, List<String> schools, List<String> las, Actor by,
                           String issuedByKeyId) {
        String keyId = UUID.randomUUID().toString();
        String token = ApiKeyTokens.newToken(keyId);
        Instant now = Instant.now();
        // The command's unit of work joins this transaction: the key's event, its lookup row and its credential are
        // stored together or not at all.
        transactions.executeWithoutResult(status -> {
            commands.send(new IssueApiKey(keyId, name, role, schools, las, Actors.orKeyHolder(by, issuedByKeyId),
                    issuedByKeyId, now), RequestMetadata.of(now, issuedByKeyId));
            keys.storeCredential(keyId, hasher.hash(token));
        });
        LOG.info("API key {} issued with role {} by key {}", keyId, role.wireName(), issuedByKeyId);
        return new IssuedKey(keys.find(keyId).orElseThrow(), token);
    }

    public void revoke(String keyId, String revokedByKeyId) {
        if (keys.find(keyId).isEmpty()) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_API_KEY, "id",
                    "no API key has that id");
        }
        Instant now = Instant.now();
        boolean revokedNow = commands.send(new RevokeApiKey(keyId, Actors.orKeyHolder(null, revokedByKeyId),
                revokedByKeyId, now), RequestMetadata.of(now, revokedByKeyId));
        if (revokedNow) {
            LOG.info("API key {} revoked by key {}", keyId, revokedByKeyId);
        }
    }
}
