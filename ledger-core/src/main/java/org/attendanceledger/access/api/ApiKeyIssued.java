package org.attendanceledger.access.api;

import java.time.Instant;
import java.util.List;
import org.attendanceledger.common.Actor;

/** An API key was issued: to whom ({@code name}), with which role and scope, by whom and when. */
public record ApiKeyIssued(
        String keyId,
        String name,
        Role role,
        List<String> schools,
        List<String> las,
        Actor by,
        String issuedByKeyId,
        Instant issuedAt) implements ApiKeyEvent {
}
