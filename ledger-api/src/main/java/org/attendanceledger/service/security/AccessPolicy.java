package org.attendanceledger.service.security;

import static org.attendanceledger.access.api.Role.AUDITOR;
import static org.attendanceledger.access.api.Role.LA_OFFICER;
import static org.attendanceledger.access.api.Role.MIS;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attendanceledger.access.api.Role;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what. A request is matched against the routes below, first match wins, and the route's access rule
 * decides for the caller's role and scope; admins may do everything. The rules go by path, not by controller, so an
 * endpoint added later is covered as soon as it exists, and a path no route names is for admins only. Paths are
 * matched as Spring MVC matches them, after the firewall has refused encoded slashes, dot segments and the like.
 */
@Component
public class AccessPolicy {

    /** What a route asks of a caller who is not an admin. */
    enum Access {
        /** Schools, keys, administration. */
        ADMIN_ONLY(EnumSet.noneOf(Role.class)),
        /** The school's record, its registers, entry histories, figures, absence lists and penalty or overdue queues. */
        SCHOOL_REGISTER_READ(EnumSet.of(MIS, LA_OFFICER, AUDITOR)),
        /**
         * The school's set-up (calendars, roll) and any other school read not named as a register read: LA officers
         * get a new read only when it is added to the routes on purpose.
         */
        SCHOOL_SETUP_READ(EnumSet.of(MIS, AUDITOR)),
        /** Every change to a school's records. */
        SCHOOL_WRITE(EnumSet.of(MIS)),
        /** LA-wide lists and queues. */
        LA_READ(EnumSet.of(LA_OFFICER, AUDITOR)),
        /** The LA's own records (notices to improve, penalty notices): its officers write them, never a school. */
        LA_WRITE(EnumSet.of(LA_OFFICER)),
        /** The event feed and the log's entries and proofs, which are cut to the caller's scope when read. */
        EVENT_FEED(EnumSet.of(AUDITOR)),
        /** Reads that see the whole ledger at once (log verification): auditors without a scope. */
        WHOLE_LEDGER_AUDIT(EnumSet.of(AUDITOR)),
        /** The log's public key: anyone authenticated may check a signed head. */
        ANY_ROLE(EnumSet.allOf(Role.class));

        private final Set<Role> roles;

        Access(Set<Role> roles) {
            this.roles = roles;
        }
    }

    private record Route(HttpMethod method, PathPattern pattern, Access access) {

        PathPattern.PathMatchInfo match(HttpMethod requested, PathContainer path) {
            return method != null && !method.equals(requested) ? null : pattern.matchAndExtract(path);
        }
    }

    private static final HttpMethod ANY = null;
    private static final HttpMethod GET = HttpMethod.GET;
    private static final String SCHOOL = "/api/v1/schools/{urn}";

    private static final List<Route> ROUTES = List.of(
            route(ANY, "/api/v1/api-keys/**", Access.ADMIN_ONLY),
            route(ANY, "/api/v1/admin/**", Access.ADMIN_ONLY),
            route(GET, "/api/v1/audit/events", Access.EVENT_FEED),
            route(GET, "/api/v1/audit/backdated-amendments", Access.EVENT_FEED),
            route(GET, "/api/v1/audit/log/public-key", Access.ANY_ROLE),
            route(GET, "/api/v1/audit/log/verify", Access.WHOLE_LEDGER_AUDIT),
            route(GET, "/api/v1/audit/log/tree-head", Access.EVENT_FEED),
            route(GET, "/api/v1/audit/log/entries", Access.EVENT_FEED),
            route(GET, "/api/v1/audit/log/proofs/**", Access.EVENT_FEED),
            route(GET, SCHOOL, Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/registers/**", Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/marks/{upn}/{date}/{session}/history", Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/pupils/{upn}/attendance", Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/pupils/{upn}/penalty-threshold", Access.SCHOOL_REGISTER_READ),
            // The evidence bundle: the LA's officers build cases from it, so it is a register read, not a set-up read.
            route(GET, SCHOOL + "/pupils/{upn}/penalty-threshold/evidence", Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/absence-lists/**", Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/overdue-n", Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/missing-marks", Access.SCHOOL_REGISTER_READ),
            route(GET, SCHOOL + "/**", Access.SCHOOL_SETUP_READ),
            route(ANY, SCHOOL + "/**", Access.SCHOOL_WRITE),
            route(GET, "/api/v1/las/{laCode}/**", Access.LA_READ),
            route(HttpMethod.POST, "/api/v1/las/{laCode}/penalty-notices/**", Access.LA_WRITE));

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision REFUSED = new AuthorizationDecision(false);

    private final SchoolScopes scopes;

    public AccessPolicy(SchoolScopes scopes) {
        this.scopes = scopes;
    }

    private static Route route(HttpMethod method, String pattern, Access access) {
        return new Route(method, PathPatternParser.defaultInstance.parse(pattern), access);
    }

    /** Anonymous callers are refused here and answered 401 by Spring Security; known keys out of bounds get 403. */
    public AuthorizationDecision decide(Authentication authentication, HttpServletRequest request) {
        PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
                .pathWithinApplication();
        return decide(authentication, HttpMethod.valueOf(request.getMethod()), path);
    }

    /**
     * Whether the caller may make this API request. The web pages ask it for the API request each page mirrors
     * ({@code GET /api/v1/las/201/penalty-threshold} for the LA's queue), so a page shows exactly what the API would.
     */
    public boolean permits(Authentication authentication, HttpMethod method, String apiPath) {
        return decide(authentication, method, PathContainer.parsePath(apiPath)).isGranted();
    }

    private AuthorizationDecision decide(Authentication authentication, HttpMethod method, PathContainer path) {
        if (authentication == null || !(authentication.getPrincipal() instanceof LedgerPrincipal caller)) {
            return REFUSED;
        }
        if (caller.isAdmin()) {
            return GRANTED;
        }
        HttpMethod asRead = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
        for (Route route : ROUTES) {
            PathPattern.PathMatchInfo match = route.match(asRead, path);
            if (match != null) {
                return new AuthorizationDecision(permits(caller, route.access(), match.getUriVariables()));
            }
        }
        return REFUSED;
    }

    private boolean permits(LedgerPrincipal caller, Access access, Map<String, String> path) {
        if (!access.roles.contains(caller.role())) {
            return false;
        }
        return switch (access) {
            case ADMIN_ONLY -> false;
            case SCHOOL_REGISTER_READ, SCHOOL_SETUP_READ, SCHOOL_WRITE ->
                    caller.coversSchool(path.get("urn"), scopes::laCodeOf);
            case LA_READ, LA_WRITE -> caller.coversLa(path.get("laCode"));
            case EVENT_FEED, ANY_ROLE -> true;
            case WHOLE_LEDGER_AUDIT -> caller.seesEverySchool();
        };
    }
}
