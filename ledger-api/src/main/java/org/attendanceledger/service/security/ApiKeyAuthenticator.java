package org.attendanceledger.service.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Turns a presented bearer token into the caller: the configured bootstrap admin token, or an issued key that has not
 * been revoked. Keys are looked up on every request, so a revocation takes effect on the next one.
 */
public class ApiKeyAuthenticator implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final int RECOMMENDED_BOOTSTRAP_LENGTH = 32;

    private final ApiKeyDirectory keys;
    private final ApiKeyHasher hasher;
    /** Kept hashed like every other token, so that comparing it takes the same constant time whatever its length. */
    private final byte[] bootstrapTokenHash;

    public ApiKeyAuthenticator(ApiKeyDirectory keys, ApiKeyHasher hasher, String bootstrapAdminToken) {
        this.keys = keys;
        this.hasher = hasher;
        if (bootstrapAdminToken == null || bootstrapAdminToken.isBlank()) {
            this.bootstrapTokenHash = null;
        } else {
            this.bootstrapTokenHash = hasher.hash(bootstrapAdminToken.strip());
            if (bootstrapAdminToken.strip().getBytes(StandardCharsets.UTF_8).length < RECOMMENDED_BOOTSTRAP_LENGTH) {
                LOG.warn("LEDGER_BOOTSTRAP_ADMIN_TOKEN is shorter than {} characters: use a long random token",
                        RECOMMENDED_BOOTSTRAP_LENGTH);
            }
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((PresentedBearerToken) authentication).getCredentials();
        return identify(token).map(ApiKeyAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("the bearer token matches no active API key"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedBearerToken.class.isAssignableFrom(authentication);
    }

    Optional<LedgerPrincipal> identify(String token) {
        if (bootstrapTokenHash != null && hasher.matches(token, bootstrapTokenHash)) {
            return Optional.of(LedgerPrincipal.bootstrapAdmin());
        }
        // Key ids are not secret (events carry them), so finding or missing one first gives nothing away.
        return ApiKeyTokens.keyIdOf(token)
                .flatMap(keys::findActive)
                .filter(active -> hasher.matches(token, active.tokenHash()))
                .map(ApiKeyDirectory.ActiveKey::principal);
    }
}
