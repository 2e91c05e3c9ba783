package org.attendanceledger.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a browser in with an API key, checked by the same {@link ApiKeyAuthenticator} as a bearer token: on success
 * the session gets a new id (no session fixation), a new CSRF token, and remembers who signed in. The key itself is
 * not kept anywhere.
 */
@Component
public class PageSignIn {

    private final ApiKeyAuthenticator authenticator;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final ChangeSessionIdAuthenticationStrategy newSessionId = new ChangeSessionIdAuthenticationStrategy();
    private final CsrfAuthenticationStrategy newCsrfToken =
            new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository());

    public PageSignIn(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller the key identifies, now signed in; empty when the key is not an active one. */
    public Optional<LedgerPrincipal> signIn(String apiKey, HttpServletRequest request, HttpServletResponse response) {
        Authentication authenticated;
        try {
            authenticated = authenticator.authenticate(new PresentedBearerToken(apiKey.strip()));
        } catch (AuthenticationException refused) {
            return Optional.empty();
        }
        request.getSession(true);
        newSessionId.onAuthentication(authenticated, request, response);
        newCsrfToken.onAuthentication(authenticated, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authenticated);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return Optional.of((LedgerPrincipal) authenticated.getPrincipal());
    }
}
