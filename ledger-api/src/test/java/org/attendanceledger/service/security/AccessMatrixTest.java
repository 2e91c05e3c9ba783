package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.ADMIN_KEY;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.AUDITOR_OF_OTHER_SCHOOL_AND_LA;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.AUDITOR_OF_THE_LA;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.AUDITOR_OF_THE_SCHOOL;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.BOOTSTRAP_ADMIN;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.LA_OFFICER;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.MIS;
import static org.attendanceledger.service.security.AccessMatrixTest.Who.UNSCOPED_AUDITOR;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.attendanceledger.service.support.ApiKeys.IssuedKey;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.attendanceledger.service.support.ProjectionRebuilds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint of the contract, including the projection endpoints still being built, against every kind of caller,
 * in and out of scope. A refusal is 401 (no or a bad token) or 403 (a known key out of role or scope), as
 * problem+json; anything else means the request got past the access model to the controller (a 404 from an endpoint
 * not built yet included).
 */
class AccessMatrixTest extends LedgerApiTest {

    static final String LA = "301";
    static final String OTHER_LA = "302";
    static final String DATE = "2024-09-04";

    /** The callers, each described as the test names will read. */
    enum Who {
        BOOTSTRAP_ADMIN("the bootstrap admin token"),
        ADMIN_KEY("an admin key"),
        MIS("the school's MIS"),
        MIS_OF_OTHER_SCHOOL("another school's MIS"),
        LA_OFFICER("an LA officer of the school's LA"),
        LA_OFFICER_OF_OTHER_LA("an LA officer of another LA"),
        AUDITOR_OF_THE_SCHOOL("an auditor of the school"),
        AUDITOR_OF_THE_LA("an auditor of the school's LA"),
        AUDITOR_OF_OTHER_SCHOOL_AND_LA("an auditor of another school and LA"),
        UNSCOPED_AUDITOR("an unscoped auditor"),
        REVOKED_KEY("a revoked key of the school's MIS"),
        UNKNOWN_TOKEN("a token of no key"),
        NO_TOKEN("a caller without a token");

        final String description;

        Who(String description) {
            this.description = description;
        }

        boolean isAuthenticated() {
            return this != REVOKED_KEY && this != UNKNOWN_TOKEN && this != NO_TOKEN;
        }
    }

    static final Set<Who> ADMINS = EnumSet.of(BOOTSTRAP_ADMIN, ADMIN_KEY);
    static final Set<Who> SCHOOL_AUDITORS = EnumSet.of(AUDITOR_OF_THE_SCHOOL, AUDITOR_OF_THE_LA, UNSCOPED_AUDITOR);
    static final Set<Who> LA_AUDITORS = EnumSet.of(AUDITOR_OF_THE_LA, UNSCOPED_AUDITOR);
    static final Set<Who> EVERY_AUDITOR = EnumSet.of(AUDITOR_OF_THE_SCHOOL, AUDITOR_OF_THE_LA,
            AUDITOR_OF_OTHER_SCHOOL_AND_LA, UNSCOPED_AUDITOR);

    /** One endpoint of the contract, with a body that no allowed caller can get stored, and who may call it. */
    record Endpoint(String method, String template, Set<Who> allowed) {

        String path(String urn, String upn) {
            return template.replace("{urn}", urn).replace("{upn}", upn).replace("{date}", DATE)
                    .replace("{session}", "AM").replace("{laCode}", LA)
                    .replace("{id}", "00000000-0000-4000-8000-000000000000")
                    .replace("{academicYear}", "2024-25").replace("{kind}", "persistent");
        }
    }

    static Set<Who> union(Set<Who> first, Who... more) {
        Set<Who> all = EnumSet.copyOf(first);
        all.addAll(List.of(more));
        return all;
    }

    static Set<Who> union(Set<Who> first, Set<Who> second, Who... more) {
        Set<Who> all = union(first, more);
        all.addAll(second);
        return all;
    }

    static final Set<Who> SCHOOL_WRITERS = union(ADMINS, MIS);
    static final Set<Who> SCHOOL_SETUP_READERS = union(ADMINS, SCHOOL_AUDITORS, MIS);
    static final Set<Who> SCHOOL_REGISTER_READERS = union(ADMINS, SCHOOL_AUDITORS, MIS, LA_OFFICER);
    static final Set<Who> LA_READERS = union(ADMINS, LA_AUDITORS, LA_OFFICER);

    static final List<Endpoint> CONTRACT = List.of(
            new Endpoint("POST", "/api/v1/schools", ADMINS),
            new Endpoint("POST", "/api/v1/api-keys", ADMINS),
            new Endpoint("DELETE", "/api/v1/api-keys/{id}", ADMINS),
            new Endpoint("POST", "/api/v1/admin/projections/rebuild", ADMINS),
            new Endpoint("GET", "/api/v1/admin/projections/rebuild/{id}", ADMINS),
            new Endpoint("GET", "/api/v1/schools/{urn}", SCHOOL_REGISTER_READERS),
            new Endpoint("PUT", "/api/v1/schools/{urn}/calendars/{academicYear}", SCHOOL_WRITERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/calendars/{academicYear}", SCHOOL_SETUP_READERS),
            new Endpoint("POST", "/api/v1/schools/{urn}/staff-grants", SCHOOL_WRITERS),
            new Endpoint("POST", "/api/v1/schools/{urn}/pupils", SCHOOL_WRITERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/pupils/{upn}", SCHOOL_SETUP_READERS),
            new Endpoint("POST", "/api/v1/schools/{urn}/pupils/{upn}/deletion", SCHOOL_WRITERS),
            new Endpoint("PUT", "/api/v1/schools/{urn}/pupils/{upn}/year-groups/{academicYear}", SCHOOL_WRITERS),
            new Endpoint("POST", "/api/v1/schools/{urn}/marks", SCHOOL_WRITERS),
            new Endpoint("POST", "/api/v1/schools/{urn}/marks/{upn}/{date}/{session}/amendments", SCHOOL_WRITERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/registers/{date}/{session}", SCHOOL_REGISTER_READERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/marks/{upn}/{date}/{session}/history",
                    SCHOOL_REGISTER_READERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/pupils/{upn}/attendance", SCHOOL_REGISTER_READERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/absence-lists/{kind}", SCHOOL_REGISTER_READERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/pupils/{upn}/penalty-threshold", SCHOOL_REGISTER_READERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/pupils/{upn}/penalty-threshold/evidence",
                    SCHOOL_REGISTER_READERS),
            new Endpoint("GET", "/api/v1/schools/{urn}/overdue-n", SCHOOL_REGISTER_READERS),
            new Endpoint("GET", "/api/v1/las/{laCode}/absence-lists/{kind}", LA_READERS),
            new Endpoint("GET", "/api/v1/las/{laCode}/penalty-threshold", LA_READERS),
            new Endpoint("GET", "/api/v1/las/{laCode}/overdue-n", LA_READERS),
            new Endpoint("GET", "/api/v1/audit/events", union(ADMINS, EVERY_AUDITOR)),
            new Endpoint("GET", "/api/v1/audit/backdated-amendments?from=2024-09-01&to=2024-09-30",
                    union(ADMINS, EVERY_AUDITOR)),
            new Endpoint("GET", "/api/v1/audit/log/public-key",
                    union(ADMINS, EVERY_AUDITOR, MIS, Who.MIS_OF_OTHER_SCHOOL, LA_OFFICER, Who.LA_OFFICER_OF_OTHER_LA)),
            new Endpoint("GET", "/api/v1/audit/log/tree-head", union(ADMINS, EVERY_AUDITOR)),
            new Endpoint("GET", "/api/v1/audit/log/entries", union(ADMINS, EVERY_AUDITOR)),
            new Endpoint("GET", "/api/v1/audit/log/proofs/inclusion?logIndex=0", union(ADMINS, EVERY_AUDITOR)),
            new Endpoint("GET", "/api/v1/audit/log/proofs/consistency?first=0&second=1",
                    union(ADMINS, EVERY_AUDITOR)),
            new Endpoint("GET", "/api/v1/audit/log/verify", union(ADMINS, UNSCOPED_AUDITOR)));

    /** The admins' rebuild runs on after its 202: the next test class starts once it has ended. */
    @AfterEach
    void let_the_rebuild_the_admins_started_end() {
        ProjectionRebuilds.awaitNoneRunning(jdbc);
    }

    @TestFactory
    Stream<DynamicTest> every_endpoint_against_every_caller() {
        String urn = fixtures().school(LA);
        String otherUrn = fixtures().school(OTHER_LA);
        String upn = fixtures().admit(urn, DATE);
        Map<Who, LedgerClient> callers = callers(urn, otherUrn);

        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : CONTRACT) {
            for (Who who : Who.values()) {
                boolean allowed = endpoint.allowed().contains(who);
                String name = who.description + (allowed ? " may " : " may not ") + endpoint.method() + " "
                        + endpoint.template();
                tests.add(DynamicTest.dynamicTest(name, () ->
                        assertOutcome(who, allowed, call(callers.get(who), endpoint, endpoint.path(urn, upn)))));
            }
        }
        return tests.stream();
    }

    private Map<Who, LedgerClient> callers(String urn, String otherUrn) {
        LedgerClient admin = api();
        Map<Who, IssuedKey> keys = new EnumMap<>(Who.class);
        keys.put(ADMIN_KEY, ApiKeys.issue(admin, "admin", List.of(), List.of()));
        keys.put(MIS, ApiKeys.issue(admin, "mis", List.of(urn), List.of()));
        keys.put(Who.MIS_OF_OTHER_SCHOOL, ApiKeys.issue(admin, "mis", List.of(otherUrn), List.of()));
        keys.put(LA_OFFICER, ApiKeys.issue(admin, "la-officer", List.of(), List.of(LA)));
        keys.put(Who.LA_OFFICER_OF_OTHER_LA, ApiKeys.issue(admin, "la-officer", List.of(), List.of(OTHER_LA)));
        keys.put(AUDITOR_OF_THE_SCHOOL, ApiKeys.issue(admin, "auditor", List.of(urn), List.of()));
        keys.put(AUDITOR_OF_THE_LA, ApiKeys.issue(admin, "auditor", List.of(), List.of(LA)));
        keys.put(AUDITOR_OF_OTHER_SCHOOL_AND_LA, ApiKeys.issue(admin, "auditor", List.of(otherUrn), List.of(OTHER_LA)));
        keys.put(UNSCOPED_AUDITOR, ApiKeys.issue(admin, "auditor", List.of(), List.of()));
        IssuedKey revoked = ApiKeys.issue(admin, "mis", List.of(urn), List.of());
        ApiKeys.revoke(admin, revoked);
        keys.put(Who.REVOKED_KEY, revoked);

        Map<Who, LedgerClient> callers = new EnumMap<>(Who.class);
        keys.forEach((who, key) -> callers.put(who, admin.as(key.token())));
        callers.put(BOOTSTRAP_ADMIN, admin);
        callers.put(Who.UNKNOWN_TOKEN, admin.as(ApiKeyTokens.newToken("00000000-0000-4000-8000-00000000abcd")));
        callers.put(Who.NO_TOKEN, admin.as(null));
        return callers;
    }

    private static LedgerClient.Response call(LedgerClient client, Endpoint endpoint, String path) {
        return switch (endpoint.method()) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, Map.of());
            case "PUT" -> client.put(path, Map.of());
            case "DELETE" -> client.delete(path);
            default -> throw new IllegalArgumentException(endpoint.method());
        };
    }

    private static void assertOutcome(Who who, boolean allowed, LedgerClient.Response response) {
        if (allowed) {
            assertThat(response.status()).as(response.toString()).isNotIn(401, 403).isLessThan(500);
        } else if (who.isAuthenticated()) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
        } else {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.errorCode()).isEqualTo("UNAUTHENTICATED");
        }
    }
}
