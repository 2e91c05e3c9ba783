package org.attendanceledger.service.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.service.problem.ErrorStatus;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.security.AccessPolicy;
import org.attendanceledger.service.security.LedgerPrincipal;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.util.UriUtils;

/**
 * What every page controller shares: the access check for the API request a page mirrors, and refusals shown as a
 * GOV.UK error summary with the ledger's own code and text. The handlers live here, in the controllers' own class
 * hierarchy, because Spring MVC asks a controller's handlers before any advice: the API's problem+json handler still
 * answers every API request.
 */
public abstract class Pages {

    static final String ERROR_VIEW = "ui/error";

    private final AccessPolicy access;

    protected Pages(AccessPolicy access) {
        this.access = access;
    }

    /** Refuses the page unless the caller may {@code GET} the API path it mirrors. */
    protected void requireRead(String apiPath) {
        require(HttpMethod.GET, apiPath);
    }

    protected void require(HttpMethod method, String apiPath) {
        if (!may(method, apiPath)) {
            throw new PageRefused();
        }
    }

    protected boolean mayRead(String apiPath) {
        return may(HttpMethod.GET, apiPath);
    }

    private boolean may(HttpMethod method, String apiPath) {
        return access.permits(SecurityContextHolder.getContext().getAuthentication(), method, apiPath);
    }

    protected static LedgerPrincipal caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (LedgerPrincipal) authentication.getPrincipal();
    }

    /** A path segment from the URL, encoded again for the API path it is checked against. */
    protected static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    /** An empty picker or filter is no value: {@code ?asKnownAt=} reads as now. */
    protected static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @ExceptionHandler(RequestRejected.class)
    String rejected(RequestRejected e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return errorPage(e.status(), e.getMessage(), PageError.of(e.errors()), model, request, response);
    }

    @ExceptionHandler(RuleViolation.class)
    String violation(RuleViolation e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return errorPage(ErrorStatus.of(e.code()), e.detail(), List.of(PageError.of(e.code(), e.field(), e.detail())),
                model, request, response);
    }

    @ExceptionHandler(PageRefused.class)
    String refused(PageRefused e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return errorPage(HttpStatus.FORBIDDEN, "You cannot see this page",
                List.of(PageError.of(ErrorCode.FORBIDDEN, null, e.getMessage())), model, request, response);
    }

    private static String errorPage(HttpStatus status, String title, List<PageError> errors, Model model,
                                    HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("heading", title);
        model.addAttribute("errors", errors);
        model.addAttribute("status", status.value());
        // An htmx request gets the summary alone, swapped in where the answer was expected.
        return request.getHeader("HX-Request") != null ? ERROR_VIEW + " :: summary" : ERROR_VIEW;
    }
}
