package org.attendanceledger.service.infrastructure;

import jakarta.servlet.http.HttpServletRequest;
import org.attendanceledger.service.security.LedgerPrincipal;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the API key that Spring Security authenticated for the request, recorded on every event it causes.
 */
@Component
public class Caller {

    public static final String BOOTSTRAP_ADMIN = LedgerPrincipal.BOOTSTRAP_ADMIN_ID;

    /** The id of the caller's API key ({@value #BOOTSTRAP_ADMIN} for the bootstrap admin token). */
    public String apiKeyId(HttpServletRequest request) {
        return principal(request).keyId();
    }

    public LedgerPrincipal principal(HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof Authentication authentication
                && authentication.getPrincipal() instanceof LedgerPrincipal principal) {
            return principal;
        }
        // Unreachable while the access policy lets no anonymous request through to a controller.
        throw new AuthenticationCredentialsNotFoundException("the request carries no authenticated API key");
    }
}
