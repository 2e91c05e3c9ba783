package org.attendanceledger.audit;

import java.nio.charset.StandardCharsets;

/**
 * An event in its log form {@code {logIndex, eventId, type, aggregateId, sequence, payload, metadata, receivedAt}}.
 * {@code payload} and {@code metadata} are the stored JSON texts ({@code metadata} may be null); the leaf is the UTF-8
 * of the RFC 8785 canonical JSON of that object, so anyone holding the event can recompute it.
 */
public record LogLeaf(long logIndex, String eventId, String type, String aggregateId, long sequence,
                      String payloadJson, String metadataJson, String receivedAt) {

    /** The log form as (non-canonical) JSON text. */
    public String json() {
        return "{\"logIndex\":" + logIndex
                + ",\"eventId\":" + CanonicalJson.quote(eventId)
                + ",\"type\":" + CanonicalJson.quote(type)
                + ",\"aggregateId\":" + CanonicalJson.quote(aggregateId)
                + ",\"sequence\":" + sequence
                + ",\"payload\":" + payloadJson
                + ",\"metadata\":" + (metadataJson == null ? "null" : metadataJson)
                + ",\"receivedAt\":" + (receivedAt == null ? "null" : CanonicalJson.quote(receivedAt)) + "}";
    }

    /** The leaf bytes: the canonical JSON of {@link #json()}. */
    public byte[] bytes() {
        return CanonicalJson.canonicalize(json());
    }

    public byte[] hash() {
        return MerkleHash.leaf(bytes());
    }

    /** The leaf bytes as text, for callers that show it. */
    public String canonical() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
