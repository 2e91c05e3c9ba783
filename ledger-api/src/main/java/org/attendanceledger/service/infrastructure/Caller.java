package org.attendanceledger.service.infrastructure;

import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the API key behind the request, recorded on every event it causes.
 */
@Component
public class Caller {

    public static final String BOOTSTRAP_ADMIN = "bootstrap-admin";
    private static final String ANONYMOUS = "anonymous";

    private final byte[] bootstrapToken;

    public Caller(@Value("${ledger.bootstrap-admin-token:}") String bootstrapToken) {
        this.bootstrapToken = bootstrapToken.isEmpty() ? null : bootstrapToken.getBytes(StandardCharsets.UTF_8);
    }

    public String apiKeyId(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (bootstrapToken != null && header != null && header.startsWith("Bearer ")) {
            byte[] presented = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(presented, bootstrapToken)) {
                return BOOTSTRAP_ADMIN;
            }
        }
        return ANONYMOUS;
    }
}
