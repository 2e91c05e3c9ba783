package org.attendanceledger.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.http.ProblemWriter;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.DatabaseUnavailable;
import org.attendanceledger.service.problem.ProblemHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The two refusals of the access model as problem+json, like every other refusal: 401 {@code UNAUTHENTICATED} for no
 * or a bad token, 403 {@code FORBIDDEN} for a known key out of its role or scope. Neither says more than that: which
 * schools exist, or which keys, is not for an outsider to learn.
 */
@Component
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String UNAUTHENTICATED_DETAIL = "send Authorization: Bearer <token> with an active API key";
    static final String FORBIDDEN_DETAIL = "the API key's role or scope does not cover this request";

    private final ProblemWriter writer;

    public SecurityProblems(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        boolean presentedToken = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        // RFC 6750: tell the client which scheme to use, and whether the token it sent was the trouble.
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presentedToken
                ? "Bearer realm=\"attendance-ledger\", error=\"invalid_token\"" : "Bearer realm=\"attendance-ledger\"");
        write(response, unauthenticated());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, forbidden());
    }

    public static ResponseEntity<ProblemDetail> unauthenticated() {
        return ProblemHandler.problem(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_DETAIL,
                List.of(ApiError.of(null, null, ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_DETAIL)));
    }

    public static ResponseEntity<ProblemDetail> forbidden() {
        return ProblemHandler.problem(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, FORBIDDEN_DETAIL,
                List.of(ApiError.of(null, null, ErrorCode.FORBIDDEN, FORBIDDEN_DETAIL)));
    }

    /** The database could not be asked whether an issued key is active: an outage, not a refusal. */
    void databaseUnavailable(HttpServletResponse response) throws IOException {
        write(response, DatabaseUnavailable.problem());
    }

    private void write(HttpServletResponse response, ResponseEntity<ProblemDetail> problem) throws IOException {
        writer.write(response, problem);
    }
}
