package org.attendanceledger.service.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.attendanceledger.service.security.LedgerPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the layout shows on every page, error pages included (which get no model of their own): who is signed in, the
 * LAs they may open, and the current address for the as-known-at picker, which resubmits the page's own filters.
 * Templates reach it as {@code pageContext} ({@link PageRequestAttributes}).
 */
@Component
public class PageContext {

    static final String AS_KNOWN_AT = "asKnownAt";

    public LedgerPrincipal caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof LedgerPrincipal caller
                ? caller : null;
    }

    /** The LAs named on the caller's key, in order, for the navigation. */
    public List<String> las() {
        LedgerPrincipal caller = caller();
        return caller == null ? List.of() : List.copyOf(new TreeSet<>(caller.las()));
    }

    public String path() {
        HttpServletRequest request = request();
        return request == null ? "/ui/" : request.getRequestURI();
    }

    public String asKnownAt() {
        HttpServletRequest request = request();
        return request == null ? null : Pages.blankToNull(request.getParameter(AS_KNOWN_AT));
    }

    /** The page's other query parameters (first value of each), carried through the picker as hidden fields. */
    public Map<String, String> otherParameters() {
        Map<String, String> others = new LinkedHashMap<>();
        HttpServletRequest request = request();
        if (request != null && "GET".equals(request.getMethod())) {
            request.getParameterMap().forEach((name, values) -> {
                if (!AS_KNOWN_AT.equals(name) && !"cursor".equals(name) && values.length > 0) {
                    others.put(name, values[0]);
                }
            });
        }
        return others;
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
