package org.attendanceledger.service.infrastructure;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.common.EventMetadata;
import org.axonframework.messaging.MetaData;

/**
 * What the ledger knows about a request, stored as metadata on every event it causes: when the ledger received it,
 * through which API key, and the integrator's idempotency key. This is what makes "as known at" answerable.
 */
public record RequestMetadata(Instant receivedAt, String apiKeyId, String idempotencyKey, String payloadHash) {

    public static final String RECEIVED_AT = EventMetadata.RECEIVED_AT;
    public static final String API_KEY_ID = "apiKeyId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String PAYLOAD_HASH = "payloadHash";
    public static final List<String> KEYS = List.of(RECEIVED_AT, API_KEY_ID, IDEMPOTENCY_KEY, PAYLOAD_HASH);

    public static RequestMetadata of(Instant receivedAt, String apiKeyId) {
        return new RequestMetadata(receivedAt, apiKeyId, null, null);
    }

    public RequestMetadata withIdempotency(String key, String hash) {
        return new RequestMetadata(receivedAt, apiKeyId, key, hash);
    }

    /** When the ledger received the request that caused an event: its metadata, or the store's stamp without it. */
    public static java.sql.Timestamp receivedAt(org.axonframework.eventhandling.EventMessage<?> event) {
        Object received = event.getMetaData().get(RECEIVED_AT);
        return java.sql.Timestamp.from(received == null ? event.getTimestamp() : Instant.parse(received.toString()));
    }

    public MetaData asMetaData() {
        Map<String, Object> values = new HashMap<>();
        values.put(RECEIVED_AT, receivedAt.toString());
        if (apiKeyId != null) {
            values.put(API_KEY_ID, apiKeyId);
        }
        if (idempotencyKey != null) {
            values.put(IDEMPOTENCY_KEY, idempotencyKey);
            values.put(PAYLOAD_HASH, payloadHash);
        }
        return MetaData.from(values);
    }
}
