package org.attendanceledger.access.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an API key; it stops working at once. Revoking a revoked key changes nothing. */
public record RevokeApiKey(
        @TargetAggregateIdentifier String keyId,
        Actor by,
        String revokedByKeyId,
        Instant revokedAt) {
}
