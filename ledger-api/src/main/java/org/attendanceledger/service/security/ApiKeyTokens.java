package org.attendanceledger.service.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of an API key token: {@code alk_<key id>_<secret>}, where the secret is 256 random bits, URL-safe base64.
 * The key id inside the token lets the ledger find the one stored hash to compare with, so the comparison itself can be
 * constant-time. The prefix makes a leaked token easy to recognise, for people and for secret scanners.
 */
final class ApiKeyTokens {

    static final String PREFIX = "alk_";
    static final int SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int KEY_ID_LENGTH = 36;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyTokens() {
    }

    static String newToken(String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key id is a lower-case UUID");
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The key id a token names, if it has the shape of an API key token at all. */
    static Optional<String> keyIdOf(String token) {
        int separator = PREFIX.length() + KEY_ID_LENGTH;
        if (token.length() <= separator + 1 || !token.startsWith(PREFIX) || token.charAt(separator) != '_') {
            return Optional.empty();
        }
        String keyId = token.substring(PREFIX.length(), separator);
        return KEY_ID.matcher(keyId).matches() ? Optional.of(keyId) : Optional.empty();
    }
}
