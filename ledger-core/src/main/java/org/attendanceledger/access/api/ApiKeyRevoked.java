package org.attendanceledger.access.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;

/** An API key was revoked, by whom and when. */
public record ApiKeyRevoked(
        String keyId,
        Actor by,
        String revokedByKeyId,
        Instant revokedAt) implements ApiKeyEvent {
}
