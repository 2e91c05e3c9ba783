package org.attendanceledger.service.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * A page request Spring Security refuses (a form posted without its CSRF token, or with a stale one) is answered 403
 * with a page, not problem+json: the person at the browser needs to read it. The page itself is rendered by the
 * refusal page's controller, to which the request is forwarded.
 */
@Component
public class PageRefusals implements AccessDeniedHandler {

    /** Where refused page requests are forwarded; it renders the GOV.UK error summary. */
    public static final String REFUSED_PAGE = "/ui/refused";
    /** The request attribute telling the refusal page why. */
    public static final String REFUSAL = PageRefusals.class.getName() + ".refusal";

    /** Why a page request was refused, in words for the person at the browser. */
    public enum Refusal {
        /** The form carried no CSRF token, or not the session's. */
        FORM_EXPIRED,
        /** The key's role or scope does not take in what was asked. */
        OUT_OF_SCOPE
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        request.setAttribute(REFUSAL, denied instanceof CsrfException ? Refusal.FORM_EXPIRED : Refusal.OUT_OF_SCOPE);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher(REFUSED_PAGE).forward(request, response);
    }
}
