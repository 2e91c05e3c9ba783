package org.attendanceledger.service.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.ProblemHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A write whose client accepts no JSON answer is refused before it runs: Spring MVC would find out only when writing
 * the answer, after the write was stored, and a client told 406 would not know that its marks were kept.
 */
public class AcceptableAnswer extends OncePerRequestFilter {

    static final String DETAIL = "the ledger answers application/json or application/problem+json; nothing was stored";
    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON);

    private final ProblemWriter problems;

    public AcceptableAnswer(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank() || acceptsJson(accept)) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(response, ProblemHandler.problem(HttpStatus.NOT_ACCEPTABLE, ErrorCode.NOT_ACCEPTABLE, DETAIL,
                List.of(ApiError.of(null, null, ErrorCode.NOT_ACCEPTABLE, DETAIL))));
    }

    private static boolean acceptsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> ANSWERS.stream().anyMatch(type::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
