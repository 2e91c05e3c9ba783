package org.attendanceledger.access.api;

import java.time.Instant;
import java.util.List;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue an API key with a role and a scope. The token itself never travels in a command or an event: the caller keeps
 * its hash beside the key, outside the event store.
 */
public record IssueApiKey(
        @TargetAggregateIdentifier String keyId,
        String name,
        Role role,
        List<String> schools,
        List<String> las,
        Actor by,
        String issuedByKeyId,
        Instant issuedAt) {
}
