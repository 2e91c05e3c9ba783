package org.attendanceledger.audit;

import java.util.Base64;

/**
 * A tree head's signed content: the RFC 8785 canonical JSON of {@code {"rootHash", "timestamp", "treeSize"}}, with the
 * root hash in standard padded base64 and the timestamp as the ISO-8601 text the head is served with.
 */
public record TreeHead(long treeSize, byte[] rootHash, String timestamp) {

    public byte[] signedBytes() {
        return CanonicalJson.canonicalize("{\"rootHash\":" + CanonicalJson.quote(Base64.getEncoder().encodeToString(rootHash))
                + ",\"timestamp\":" + CanonicalJson.quote(timestamp) + ",\"treeSize\":" + treeSize + "}");
    }
}
