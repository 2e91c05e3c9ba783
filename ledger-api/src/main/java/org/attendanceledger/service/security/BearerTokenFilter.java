package org.attendanceledger.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.attendanceledger.service.problem.DatabaseUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on each request; nothing is remembered between requests. A request
 * without the header goes on anonymously (public paths serve it, the rest refuse it with 401); a header that does not
 * hold an active token is refused with 401 at once, whatever the path.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AuthenticationManager authenticationManager;
    private final SecurityProblems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(AuthenticationManager authenticationManager, SecurityProblems problems) {
        this.authenticationManager = authenticationManager;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || header.substring(BEARER.length()).isBlank()) {
                throw new BadCredentialsException("the Authorization header is not a bearer token");
            }
            String token = header.substring(BEARER.length()).strip();
            Authentication authenticated = authenticationManager.authenticate(new PresentedBearerToken(token));
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(authenticated);
            contexts.setContext(context);
        } catch (AuthenticationException refused) {
            contexts.clearContext();
            if (DatabaseUnavailable.causedBy(refused)) {
                problems.databaseUnavailable(response);
            } else {
                problems.commence(request, response, refused);
            }
            return;
        } catch (RuntimeException failed) {
            // An issued key is looked up in the database; with the database gone this is an outage, not a refusal.
            if (!DatabaseUnavailable.causedBy(failed)) {
                throw failed;
            }
            contexts.clearContext();
            problems.databaseUnavailable(response);
            return;
        }
        chain.doFilter(request, response);
    }
}
