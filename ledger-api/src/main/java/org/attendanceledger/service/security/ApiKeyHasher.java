package org.attendanceledger.service.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes API key tokens with HMAC-SHA-256 under the server-side secret. A keyed fast hash rather than a salted slow
 * one (bcrypt, Argon2): those exist to slow down guessing of low-entropy passwords, while a token carries 256 random
 * bits that no guessing reaches; a slow hash would only add its cost to every request. The key adds what a salt cannot:
 * without the secret, a stolen table of hashes cannot be checked against anything.
 */
public class ApiKeyHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public ApiKeyHasher(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public byte[] hash(String token) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JRE", e);
        }
    }

    /** Compares in constant time, so the time taken tells nothing about how much of a guess was right. */
    public boolean matches(String token, byte[] storedHash) {
        return MessageDigest.isEqual(hash(token), storedHash);
    }
}
