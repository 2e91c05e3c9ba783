package org.attendanceledger.access.api;

/** Everything that can happen to an API key. Stored contract: holds who, when, role and scope, never a secret. */
public sealed interface ApiKeyEvent permits ApiKeyIssued, ApiKeyRevoked {

    String keyId();
}
