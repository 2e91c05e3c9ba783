package org.attendanceledger.service.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bad-input corpus of issue 12: for every write endpoint a valid request, and from it requests that are each wrong
 * in one way, with the status, code and (for a bad value) the item and field the answer must name. Values are given as
 * raw JSON text, so that a number can stand where a string belongs and a {@code \u0000} or lone-surrogate escape
 * reaches the server exactly as written.
 */
final class BadInputCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MUTANT = "@@MUTANT@@";

    static final String HEAD = "{\"name\":\"Ann Head\",\"position\":\"Headteacher\",\"staffId\":\"S-HEAD\"}";

    /** A write endpoint and a request to it that is valid (the control test proves it). Placeholders: {urn}, ... */
    record Endpoint(String name, String method, String path, String body) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** One bad request and what the ledger must answer. A null body sends none; null field means no field named. */
    record Case(String name, Endpoint endpoint, String method, String path, byte[] body, String contentType,
                String accept, String token, boolean chunked, boolean expectContinue, int status, String code,
                Integer index, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final Endpoint SCHOOLS = new Endpoint("register a school", "POST", "/api/v1/schools", """
            {"urn":"{newUrn}","name":"Corpus School","laCode":"201","amRegisterStart":"08:50",
             "pmRegisterStart":"13:15","registerWindowMinutes":30,"closingInstantIsLate":false,"by":%s}"""
            .formatted(HEAD));
    static final Endpoint CALENDAR = new Endpoint("publish a calendar", "PUT",
            "/api/v1/schools/{urn}/calendars/2026-27", """
            {"terms":[{"start":"2026-09-02","end":"2026-10-23"}],
             "closures":[{"date":"2026-09-07","session":"BOTH","reason":"INSET","yearGroups":["7"]}],
             "by":%s,"reason":"first publication"}""".formatted(HEAD));
    static final Endpoint GRANTS = new Endpoint("grant a member of staff", "POST",
            "/api/v1/schools/{urn}/staff-grants", """
            {"staffId":"S-CORPUS","name":"Cara Corpus","position":"Deputy head","scopes":["AUTHORISE_ABSENCE"],
             "from":"2024-09-01","to":"2025-08-31","by":%s}""".formatted(HEAD));
    static final Endpoint PUPILS = new Endpoint("admit a pupil", "POST", "/api/v1/schools/{urn}/pupils", """
            {"upn":"{newUpn}","startingDay":"2024-09-04","yearGroup":"7","by":%s}""".formatted(HEAD));
    static final Endpoint DELETION = new Endpoint("delete a pupil from roll", "POST",
            "/api/v1/schools/{urn}/pupils/{leaverUpn}/deletion", """
            {"lastDayOnRoll":"2025-07-22","ground":"MOVED_AWAY","reason":"family moved away","by":%s}"""
            .formatted(HEAD));
    static final Endpoint MARKS = new Endpoint("post a register", "POST", "/api/v1/schools/{urn}/marks", """
            {"marks":[
              {"upn":"{upn}","date":"2024-10-02","session":"PM","code":"/","idempotencyKey":"corpus-{nonce}-0",
               "recordedBy":%1$s,"recordedAt":"2024-10-02T13:20:00+01:00"},
              {"upn":"{upn}","date":"2024-10-02","session":"AM","code":"L","minutesLate":5,"arrivalTime":"08:55",
               "idempotencyKey":"corpus-{nonce}-1","recordedBy":%1$s,"recordedAt":"2024-10-02T09:30:00+01:00"}]}"""
            .formatted(HEAD));
    static final Endpoint AMENDMENTS = new Endpoint("amend a mark", "POST",
            "/api/v1/schools/{urn}/marks/{upn}/2024-10-01/AM/amendments", """
            {"code":"I","minutesLate":null,"arrivalTime":null,"reason":"parent phoned: illness","amendedBy":%s,
             "amendedAt":"2024-10-02T09:00:00+01:00","expectedVersion":1}""".formatted(HEAD));
    static final Endpoint API_KEYS = new Endpoint("issue an API key", "POST", "/api/v1/api-keys", """
            {"name":"corpus key","role":"mis","schools":["{urn}"],"las":[],"by":%s}""".formatted(HEAD));
    static final Endpoint N_POLICY = new Endpoint("set the automatic N conversion policy", "PUT",
            "/api/v1/schools/{urn}/n-conversion-policy", """
            {"enabled":true,"owner":{"name":"Ann Head","position":"Headteacher","staffId":"S-HEAD"},
             "policyVersion":"v1","by":%s}""".formatted(HEAD));

    static final Endpoint REGISTER_POLICY = new Endpoint("change the register policy", "PUT",
            "/api/v1/schools/{urn}/register-policy", """
            {"effectiveFrom":"2099-09-01","amRegisterStart":"08:45","pmRegisterStart":"13:15",
             "registerWindowMinutes":20,"closingInstantIsLate":false,"amSessionEnd":"12:10","pmSessionEnd":"15:20",
             "reason":"governors shortened the window","by":%s}""".formatted(HEAD));
    static final Endpoint LEAVE = new Endpoint("request leave of absence", "POST",
            "/api/v1/schools/{urn}/leave-requests", """
            {"upn":"{upn}","from":{"date":"2024-11-04","session":"AM"},"to":{"date":"2024-11-05","session":"PM"},
             "circumstance":"corpus {nonce}","requestedBy":"parent","by":%s}""".formatted(HEAD));
    static final Endpoint PENALTY_NOTICE = new Endpoint("issue a penalty notice", "POST",
            "/api/v1/las/201/penalty-notices", """
            {"urn":"{urn}","upn":"{upn}","parentRef":"P-{nonce}","kind":"NOTICE_TO_IMPROVE","issuedOn":"2024-10-02",
             "breachAt":{"date":"2024-10-01","session":"PM"},"by":%s}""".formatted(HEAD));

    static final List<Endpoint> JSON_ENDPOINTS = List.of(SCHOOLS, CALENDAR, GRANTS, PUPILS, DELETION, MARKS,
            AMENDMENTS, API_KEYS, N_POLICY, REGISTER_POLICY, LEAVE, PENALTY_NOTICE);

    // The limits issue 12 fixes, written out here (not read from TextLimits) so that loosening one fails this test.
    private static final int NAME = 200;
    private static final int POSITION = 200;
    private static final int REASON = 2000;
    private static final int ID = 100;
    private static final int OTHER = 200;

    private final List<Case> cases = new ArrayList<>();

    static List<Case> all() {
        BadInputCorpus corpus = new BadInputCorpus();
        corpus.texts();
        corpus.dates();
        corpus.enumsNumbersAndBooleans();
        corpus.wholeRequests();
        corpus.pathsAndParameters();
        corpus.dualRegistration();
        return corpus.cases;
    }

    private void texts() {
        actor(SCHOOLS, "/by", "by", null);
        text(SCHOOLS, "/urn", "urn", null, OTHER);
        text(SCHOOLS, "/name", "name", null, NAME);
        text(SCHOOLS, "/laCode", "laCode", null, OTHER);

        actor(CALENDAR, "/by", "by", null);
        text(CALENDAR, "/reason", "reason", null, REASON);
        text(CALENDAR, "/closures/0/reason", "reason", 0, REASON);
        text(CALENDAR, "/closures/0/yearGroups/0", "yearGroups", 0, 20);

        actor(GRANTS, "/by", "by", null);
        text(GRANTS, "/staffId", "staffId", null, ID);
        text(GRANTS, "/name", "name", null, NAME);
        text(GRANTS, "/position", "position", null, POSITION);

        actor(PUPILS, "/by", "by", null);
        text(PUPILS, "/upn", "upn", null, OTHER);
        text(PUPILS, "/yearGroup", "yearGroup", null, 20);

        actor(DELETION, "/by", "by", null);
        text(DELETION, "/reason", "reason", null, REASON);

        actor(MARKS, "/marks/1/recordedBy", "recordedBy", 1);
        text(MARKS, "/marks/1/upn", "upn", 1, OTHER);
        text(MARKS, "/marks/1/code", "code", 1, OTHER);
        text(MARKS, "/marks/1/idempotencyKey", "idempotencyKey", 1, 200);

        actor(AMENDMENTS, "/amendedBy", "amendedBy", null);
        text(AMENDMENTS, "/code", "code", null, OTHER);
        text(AMENDMENTS, "/reason", "reason", null, REASON);

        actor(API_KEYS, "/by", "by", null);
        text(API_KEYS, "/name", "name", null, NAME);
        text(API_KEYS, "/role", "role", null, OTHER);
        text(API_KEYS, "/schools/0", "schools", null, OTHER);

        actor(N_POLICY, "/by", "by", null);
        actor(N_POLICY, "/owner", "owner", null);
        text(N_POLICY, "/policyVersion", "policyVersion", null, 50);

        actor(REGISTER_POLICY, "/by", "by", null);
        text(REGISTER_POLICY, "/reason", "reason", null, REASON);

        actor(LEAVE, "/by", "by", null);
        text(LEAVE, "/upn", "upn", null, OTHER);
        text(LEAVE, "/circumstance", "circumstance", null, REASON);

        actor(PENALTY_NOTICE, "/by", "by", null);
        text(PENALTY_NOTICE, "/parentRef", "parentRef", null, ID);
        text(PENALTY_NOTICE, "/urn", "urn", null, OTHER);
    }

    private void actor(Endpoint endpoint, String pointer, String field, Integer index) {
        text(endpoint, pointer + "/name", field + ".name", index, NAME);
        text(endpoint, pointer + "/position", field + ".position", index, POSITION);
        text(endpoint, pointer + "/staffId", field + ".staffId", index, ID);
    }

    /** A text one character over its limit, with NUL, with a lone surrogate either way round, and as a number. */
    private void text(Endpoint endpoint, String pointer, String field, Integer index, int limit) {
        invalid(endpoint, pointer, field, index, "of " + (limit + 1) + " characters", quoted("x".repeat(limit + 1)));
        invalid(endpoint, pointer, field, index, "holding NUL", "\"Ann\\u0000Head\"");
        invalid(endpoint, pointer, field, index, "holding a lone high surrogate", "\"Ann\\ud800Head\"");
        invalid(endpoint, pointer, field, index, "holding a lone low surrogate", "\"\\udc00Head\"");
        invalid(endpoint, pointer, field, index, "as a JSON number", "100001");
    }

    private void dates() {
        date(CALENDAR, "/terms/0/start", "start", 0);
        date(CALENDAR, "/terms/0/end", "end", 0);
        date(CALENDAR, "/closures/0/date", "date", 0);
        date(GRANTS, "/from", "from", null);
        date(GRANTS, "/to", "to", null);
        date(PUPILS, "/startingDay", "startingDay", null);
        date(DELETION, "/lastDayOnRoll", "lastDayOnRoll", null);
        date(MARKS, "/marks/1/date", "date", 1);

        date(REGISTER_POLICY, "/effectiveFrom", "effectiveFrom", null);
        date(LEAVE, "/from/date", "from.date", null);
        date(PENALTY_NOTICE, "/issuedOn", "issuedOn", null);
        date(PENALTY_NOTICE, "/breachAt/date", "breachAt.date", null);

        instant(MARKS, "/marks/1/recordedAt", "recordedAt", 1);
        instant(AMENDMENTS, "/amendedAt", "amendedAt", null);

        time(SCHOOLS, "/amRegisterStart", "amRegisterStart", null);
        time(SCHOOLS, "/pmRegisterStart", "pmRegisterStart", null);
        time(MARKS, "/marks/1/arrivalTime", "arrivalTime", 1);
        time(AMENDMENTS, "/arrivalTime", "arrivalTime", null);
        time(REGISTER_POLICY, "/amSessionEnd", "amSessionEnd", null);
    }

    private void date(Endpoint endpoint, String pointer, String field, Integer index) {
        invalid(endpoint, pointer, field, index, "as a number (20240904)", "20240904");
        invalid(endpoint, pointer, field, index, "as an instant", "\"2024-09-04T10:00:00Z\"");
        invalid(endpoint, pointer, field, index, "without leading zeros", "\"2024-9-4\"");
        invalid(endpoint, pointer, field, index, "with a leading space", "\" 2024-09-04\"");
        invalid(endpoint, pointer, field, index, "that does not exist (30 February)", "\"2024-02-30\"");
        invalid(endpoint, pointer, field, index, "before 1990", "\"1989-12-31\"");
        invalid(endpoint, pointer, field, index, "after 2100", "\"2101-01-01\"");
        invalid(endpoint, pointer, field, index, "in year 57387", "\"+57387-01-01\"");
    }

    private void instant(Endpoint endpoint, String pointer, String field, Integer index) {
        invalid(endpoint, pointer, field, index, "as an epoch number", "1727769130");
        invalid(endpoint, pointer, field, index, "as a fractional epoch number", "1727769130.5");
        invalid(endpoint, pointer, field, index, "as a date only", "\"2024-10-01\"");
        invalid(endpoint, pointer, field, index, "without an offset", "\"2024-10-01T08:52:10\"");
        invalid(endpoint, pointer, field, index, "before 1990", "\"1989-12-31T08:00:00Z\"");
        invalid(endpoint, pointer, field, index, "after 2100", "\"2101-01-01T08:00:00Z\"");
    }

    private void time(Endpoint endpoint, String pointer, String field, Integer index) {
        invalid(endpoint, pointer, field, index, "as a number", "855");
        invalid(endpoint, pointer, field, index, "without a leading zero", "\"8:55\"");
        invalid(endpoint, pointer, field, index, "with a trailing space", "\"08:55 \"");
        invalid(endpoint, pointer, field, index, "at 25 o'clock", "\"25:00\"");
        invalid(endpoint, pointer, field, index, "with an offset", "\"08:55:00+01:00\"");
    }

    private void enumsNumbersAndBooleans() {
        enumeration(CALENDAR, "/closures/0/session", "session", 0, "BOTH");
        enumeration(GRANTS, "/scopes/0", "scopes", null, "AUTHORISE_ABSENCE");
        enumeration(DELETION, "/ground", "ground", null, "MOVED_AWAY");
        enumeration(MARKS, "/marks/1/session", "session", 1, "AM");
        enumeration(LEAVE, "/to/session", "to.session", null, "PM");
        enumeration(PENALTY_NOTICE, "/kind", "kind", null, "NOTICE_TO_IMPROVE");

        integer(SCHOOLS, "/registerWindowMinutes", "registerWindowMinutes", null);
        integer(REGISTER_POLICY, "/registerWindowMinutes", "registerWindowMinutes", null);
        integer(MARKS, "/marks/1/minutesLate", "minutesLate", 1);
        integer(AMENDMENTS, "/minutesLate", "minutesLate", null);
        integer(AMENDMENTS, "/expectedVersion", "expectedVersion", null);

        bool(SCHOOLS, "/closingInstantIsLate", "closingInstantIsLate");
        bool(N_POLICY, "/enabled", "enabled");

        list(GRANTS, "/scopes", "scopes", "\"AUTHORISE_ABSENCE\"");
        list(API_KEYS, "/schools", "schools", "\"{urn}\"");
        list(CALENDAR, "/terms", "terms", "{\"start\":\"2026-09-02\",\"end\":\"2026-10-23\"}");
        list(MARKS, "/marks", "marks", "{}");
    }

    private void enumeration(Endpoint endpoint, String pointer, String field, Integer index, String valid) {
        invalid(endpoint, pointer, field, index, "as its index", "1");
        invalid(endpoint, pointer, field, index, "with a trailing space", quoted(valid + " "));
        invalid(endpoint, pointer, field, index, "in lower case", quoted(valid.toLowerCase()));
        invalid(endpoint, pointer, field, index, "that is not one", "\"NOPE\"");
        invalid(endpoint, pointer, field, index, "empty", "\"\"");
    }

    private void integer(Endpoint endpoint, String pointer, String field, Integer index) {
        invalid(endpoint, pointer, field, index, "with a fraction (30.7)", "30.7");
        invalid(endpoint, pointer, field, index, "as a string", "\"5\"");
        invalid(endpoint, pointer, field, index, "as a boolean", "true");
        invalid(endpoint, pointer, field, index, "in exponent form", "5e0");
        invalid(endpoint, pointer, field, index, "past a long", "99999999999999999999");
    }

    private void bool(Endpoint endpoint, String pointer, String field) {
        invalid(endpoint, pointer, field, null, "as a string", "\"true\"");
        invalid(endpoint, pointer, field, null, "as a number", "1");
        invalid(endpoint, pointer, field, null, "as yes", "\"yes\"");
    }

    /** A list sent as its single element instead (ACCEPT_SINGLE_VALUE_AS_ARRAY is off). */
    private void list(Endpoint endpoint, String pointer, String field, String element) {
        invalid(endpoint, pointer, field, null, "as a single value instead of a list", element);
    }

    private void invalid(Endpoint endpoint, String pointer, String field, Integer index, String what, String value) {
        String path = (index == null ? "" : "[" + index + "] ") + field;
        add(endpoint.name() + ": " + path + " " + what + " is 422 VALIDATION_FAILED naming it", endpoint,
                mutate(endpoint.body(), pointer, value), 422, "VALIDATION_FAILED", index, field);
    }

    private void wholeRequests() {
        for (Endpoint endpoint : JSON_ENDPOINTS) {
            String body = endpoint.body();
            String other = endpoint.method().equals("PUT") ? "POST" : "PUT";
            malformed(endpoint, "cut short", body.substring(0, body.length() / 2));
            malformed(endpoint, "with trailing text after the document", body + " {}");
            malformed(endpoint, "with its first key given twice", firstKeyTwice(body));
            malformed(endpoint, "that is empty", "");
            malformed(endpoint, "that is a list", "[" + body + "]");
            malformed(endpoint, "that is a bare string", "\"" + endpoint.name() + "\"");
            malformed(endpoint, "nested 40 deep", "{\"nesting\":" + "[".repeat(40) + "]".repeat(40) + ","
                    + body.substring(1));
            malformed(endpoint, "with a 40-digit number", "{\"n\":" + "1".repeat(40) + "," + body.substring(1));
            cases.add(new Case(endpoint.name() + ": a raw NUL byte inside a string is 400 MALFORMED_REQUEST", endpoint,
                    endpoint.method(), endpoint.path(), withRawBytes(body, new byte[] {'A', 0, 'B'}),
                    "application/json", null, null, false, false, 400, "MALFORMED_REQUEST", null, null));
            cases.add(new Case(endpoint.name() + ": bytes that are not UTF-8 are 400 MALFORMED_REQUEST", endpoint,
                    endpoint.method(), endpoint.path(), withRawBytes(body, new byte[] {'A', (byte) 0xC3, '(', 'B'}),
                    "application/json", null, null, false, false, 400, "MALFORMED_REQUEST", null, null));
            cases.add(new Case(endpoint.name() + ": Content-Type text/plain is 415 UNSUPPORTED_MEDIA_TYPE", endpoint,
                    endpoint.method(), endpoint.path(), bytes(body), "text/plain", null, null, false, false, 415,
                    "UNSUPPORTED_MEDIA_TYPE", null, null));
            cases.add(new Case(endpoint.name() + ": Content-Type application/xml is 415 UNSUPPORTED_MEDIA_TYPE",
                    endpoint, endpoint.method(), endpoint.path(), bytes(body), "application/xml", null, null, false,
                    false, 415, "UNSUPPORTED_MEDIA_TYPE", null, null));
            cases.add(new Case(endpoint.name() + ": Accept text/html only is 406 NOT_ACCEPTABLE before it runs",
                    endpoint, endpoint.method(), endpoint.path(), bytes(body), "application/json", "text/html", null,
                    false, false, 406, "NOT_ACCEPTABLE", null, null));
            cases.add(new Case(endpoint.name() + ": a body announced over 2 MB is 413 PAYLOAD_TOO_LARGE unread",
                    endpoint, endpoint.method(), endpoint.path(), oversized(body), "application/json", null, null,
                    false, true, 413, "PAYLOAD_TOO_LARGE", null, null));
            cases.add(new Case(endpoint.name() + ": a chunked body over 2 MB is 413 PAYLOAD_TOO_LARGE", endpoint,
                    endpoint.method(), endpoint.path(), oversized(body), "application/json", null, null, true, false,
                    413, "PAYLOAD_TOO_LARGE", null, null));
            cases.add(new Case(endpoint.name() + ": no bearer token is 401 UNAUTHENTICATED", endpoint,
                    endpoint.method(), endpoint.path(), bytes(body), "application/json", null, "", false, false, 401,
                    "UNAUTHENTICATED", null, null));
            cases.add(new Case(endpoint.name() + ": an unknown token is 401 UNAUTHENTICATED", endpoint,
                    endpoint.method(), endpoint.path(), bytes(body), "application/json", null, "not-a-key", false,
                    false, 401, "UNAUTHENTICATED", null, null));
            cases.add(new Case(endpoint.name() + ": method " + other + " is 405 METHOD_NOT_ALLOWED", endpoint, other,
                    endpoint.path(), bytes(body), "application/json", null, null, false, false, 405,
                    "METHOD_NOT_ALLOWED", null, null));
            if (endpoint.path().contains("{urn}")) {
                cases.add(new Case(endpoint.name() + ": a key of another school is 403 FORBIDDEN", endpoint,
                        endpoint.method(), endpoint.path(), bytes(body), "application/json", null, "{otherSchoolKey}",
                        false, false, 403, "FORBIDDEN", null, null));
                for (String[] firewall : FIREWALL) {
                    String path = endpoint.path().replace("{urn}", "{urn}" + firewall[1]);
                    cases.add(new Case(endpoint.name() + ": a path " + firewall[0] + " is 400 REQUEST_REJECTED",
                            endpoint, endpoint.method(), path, bytes(body), "application/json", null, null, false,
                            false, 400, "REQUEST_REJECTED", null, null));
                }
            }
        }
    }

    /** URLs the request firewall (Spring Security's or Tomcat's own) refuses, spliced in after the URN. */
    private static final String[][] FIREWALL = {
            {"with ../", "/../{urn}"},
            {"with an encoded ..", "/%2e%2e/{urn}"},
            {"with ;", ";jsessionid=1"},
            {"with an encoded NUL", "%00"},
            {"with an encoded backslash", "%5C"},
            {"with an encoded slash", "%2F"},
            {"with //", "/"},
            {"with an encoded line feed", "%0A"},
            {"with an encoded lone surrogate", "%ED%A0%80"},
    };

    private void malformed(Endpoint endpoint, String what, String body) {
        add(endpoint.name() + ": a body " + what + " is 400 MALFORMED_REQUEST", endpoint, body, 400,
                "MALFORMED_REQUEST", null, null);
    }

    /** Dual registration (issue 10 item 3): the link at admission and the consent at deletion. */
    private void dualRegistration() {
        String admission = PUPILS.body().substring(0, PUPILS.body().length() - 1) + ",\"dualRegistration\":%s}";
        add(PUPILS.name() + ": a dual registration with an unknown school is 404 UNKNOWN_SCHOOL", PUPILS,
                admission.formatted("{\"otherUrn\":\"999997\",\"role\":\"SUBSIDIARY\"}"), 404, "UNKNOWN_SCHOOL",
                null, "dualRegistration.otherUrn");
        add(PUPILS.name() + ": a dual registration with a school the pupil is not on roll at is 422 NOT_ON_ROLL",
                PUPILS, admission.formatted("{\"otherUrn\":\"{urn}\",\"role\":\"SUBSIDIARY\"}"), 422,
                "NOT_ON_ROLL", null, "dualRegistration.otherUrn");
        add(PUPILS.name() + ": a dual registration without its role is 422 VALIDATION_FAILED", PUPILS,
                admission.formatted("{\"otherUrn\":\"{urn}\"}"), 422, "VALIDATION_FAILED", null,
                "dualRegistration.role");
        add(PUPILS.name() + ": a dual registration whose role is not one is 422 VALIDATION_FAILED", PUPILS,
                admission.formatted("{\"otherUrn\":\"{urn}\",\"role\":\"BOTH\"}"), 422, "VALIDATION_FAILED",
                null, "dualRegistration.role");
        add(DELETION.name() + ": ending a dual registration that is not one is 422 NOT_DUAL_REGISTERED", DELETION,
                DELETION.body().replace("MOVED_AWAY", "DUAL_REGISTRATION_ENDED"), 422, "NOT_DUAL_REGISTERED", null,
                "ground");
        // Texts inside the new objects are bounded and checked as they are read, like every other text.
        Endpoint dualAdmission = new Endpoint(PUPILS.name() + " with a dual registration", "POST", PUPILS.path(),
                admission.formatted("{\"otherUrn\":\"{urn}\",\"role\":\"SUBSIDIARY\"}"));
        text(dualAdmission, "/dualRegistration/otherUrn", "dualRegistration.otherUrn", null, OTHER);
        String ending = DELETION.body().replace("MOVED_AWAY", "DUAL_REGISTRATION_ENDED");
        Endpoint consented = new Endpoint(DELETION.name() + " with the other school's consent", "POST",
                DELETION.path(), ending.substring(0, ending.length() - 1)
                + ",\"otherSchoolConsent\":{\"otherUrn\":\"{urn}\",\"by\":%s,\"on\":\"2025-07-20\"}}"
                .formatted(HEAD));
        actor(consented, "/otherSchoolConsent/by", "otherSchoolConsent.by", null);
        date(consented, "/otherSchoolConsent/on", "otherSchoolConsent.on", null);
        add(DELETION.name() + ": the other school's consent on another ground is 422 VALIDATION_FAILED", DELETION,
                DELETION.body().substring(0, DELETION.body().length() - 1)
                        + ",\"otherSchoolConsent\":{\"by\":%s,\"on\":\"2025-07-20\"}}".formatted(HEAD), 422,
                "VALIDATION_FAILED", null, "otherSchoolConsent");
    }

    private void pathsAndParameters() {
        Endpoint conversions = new Endpoint("convert overdue N marks", "POST",
                "/api/v1/schools/{urn}/overdue-n/conversions", null);
        String[][] asOf = {{"2024-13-01", "a month 13"}, {"1989-12-31", "before 1990"}, {"2101-01-01", "after 2100"},
                {"2024-10-01T00:00:00Z", "an instant"}, {"20241001", "a number"}};
        for (String[] bad : asOf) {
            cases.add(new Case(conversions.name() + ": asOf " + bad[1] + " is 422 VALIDATION_FAILED", conversions,
                    "POST", conversions.path() + "?asOf=" + bad[0], null, null, null, null, false, false, 422,
                    "VALIDATION_FAILED", null, "asOf"));
        }
        cases.add(new Case(conversions.name() + ": for an unknown school is 404 UNKNOWN_SCHOOL", conversions, "POST",
                "/api/v1/schools/999999/overdue-n/conversions", null, null, null, null, false, false, 404,
                "UNKNOWN_SCHOOL", null, null));
        cases.add(new Case(conversions.name() + ": with GET is 405 METHOD_NOT_ALLOWED", conversions, "GET",
                conversions.path(), null, null, null, null, false, false, 405, "METHOD_NOT_ALLOWED", null, null));
        cases.add(new Case(conversions.name() + ": with a key of another school is 403 FORBIDDEN", conversions,
                "POST", conversions.path(), null, null, null, "{otherSchoolKey}", false, false, 403, "FORBIDDEN",
                null, null));

        String[][] sessions = {{"AM%20", "with a trailing space"}, {"am", "in lower case"}, {"1", "as its index"},
                {"BOTH", "that a mark cannot have"}};
        for (String[] bad : sessions) {
            cases.add(new Case(AMENDMENTS.name() + ": a session in the path " + bad[1] + " is 422 VALIDATION_FAILED",
                    AMENDMENTS, "POST", AMENDMENTS.path().replace("/AM/", "/" + bad[0] + "/"),
                    bytes(AMENDMENTS.body()), "application/json", null, null, false, false, 422,
                    "VALIDATION_FAILED", null, "session"));
        }
        String[][] dates = {{"2024-10-1", "without a leading zero"}, {"2024-02-30", "that does not exist"},
                {"20241001", "as a number"}};
        for (String[] bad : dates) {
            cases.add(new Case(AMENDMENTS.name() + ": a date in the path " + bad[1] + " is 422 VALIDATION_FAILED",
                    AMENDMENTS, "POST", AMENDMENTS.path().replace("/2024-10-01/", "/" + bad[0] + "/"),
                    bytes(AMENDMENTS.body()), "application/json", null, null, false, false, 422,
                    "VALIDATION_FAILED", null, "date"));
        }
        cases.add(new Case(AMENDMENTS.name() + ": an invalid UPN in the path is 422 INVALID_UPN", AMENDMENTS, "POST",
                AMENDMENTS.path().replace("{upn}", "A12345678901X"), bytes(AMENDMENTS.body()), "application/json",
                null, null, false, false, 422, "INVALID_UPN", null, "upn"));
        cases.add(new Case(DELETION.name() + ": a pupil never on roll is 404 UNKNOWN_PUPIL", DELETION, "POST",
                DELETION.path().replace("{leaverUpn}", "{newUpn}"), bytes(DELETION.body()), "application/json",
                null, null, false, false, 404, "UNKNOWN_PUPIL", null, "upn"));
        cases.add(new Case(CALENDAR.name() + ": an academic year that is not one is 422 VALIDATION_FAILED", CALENDAR,
                "PUT", CALENDAR.path().replace("2026-27", "2026-28"), bytes(CALENDAR.body()), "application/json",
                null, null, false, false, 422, "VALIDATION_FAILED", null, "academicYear"));

        Endpoint rebuild = new Endpoint("rebuild the projections", "POST", "/api/v1/admin/projections/rebuild", null);
        cases.add(new Case(rebuild.name() + ": with GET is 405 METHOD_NOT_ALLOWED", rebuild, "GET", rebuild.path(),
                null, null, null, null, false, false, 405, "METHOD_NOT_ALLOWED", null, null));
        cases.add(new Case(rebuild.name() + ": with a school's key is 403 FORBIDDEN", rebuild, "POST", rebuild.path(),
                null, null, null, "{otherSchoolKey}", false, false, 403, "FORBIDDEN", null, null));
        cases.add(new Case(rebuild.name() + ": without a token is 401 UNAUTHENTICATED", rebuild, "POST",
                rebuild.path(), null, null, null, "", false, false, 401, "UNAUTHENTICATED", null, null));
        cases.add(new Case(rebuild.name() + ": with a body over 2 MB is 413 PAYLOAD_TOO_LARGE", rebuild, "POST",
                rebuild.path(), oversized("{}"), "application/json", null, null, false, true, 413,
                "PAYLOAD_TOO_LARGE", null, null));

        Endpoint revoke = new Endpoint("revoke an API key", "DELETE", "/api/v1/api-keys/{id}", null);
        cases.add(new Case(revoke.name() + ": an unknown id is 404 UNKNOWN_API_KEY", revoke, "DELETE",
                "/api/v1/api-keys/no-such-key", null, null, null, null, false, false, 404, "UNKNOWN_API_KEY", null,
                "id"));
        cases.add(new Case(revoke.name() + ": an id of 300 characters is 404 UNKNOWN_API_KEY", revoke, "DELETE",
                "/api/v1/api-keys/" + "k".repeat(300), null, null, null, null, false, false, 404, "UNKNOWN_API_KEY",
                null, "id"));
        cases.add(new Case(revoke.name() + ": an id with an encoded NUL is 400 REQUEST_REJECTED", revoke, "DELETE",
                "/api/v1/api-keys/a%00b", null, null, null, null, false, false, 400, "REQUEST_REJECTED", null, null));
        cases.add(new Case(revoke.name() + ": an id with ; is 400 REQUEST_REJECTED", revoke, "DELETE",
                "/api/v1/api-keys/a;b", null, null, null, null, false, false, 400, "REQUEST_REJECTED", null, null));

        Endpoint unknown = new Endpoint("an unknown path", "POST", "/api/v1/registers", null);
        cases.add(new Case("a POST to a path no endpoint has is 404 NOT_FOUND", unknown, "POST", "/api/v1/registers",
                bytes("{}"), "application/json", null, null, false, false, 404, "NOT_FOUND", null, null));
        cases.add(new Case("a PUT to a path under a school no endpoint has is 404 NOT_FOUND", unknown, "PUT",
                "/api/v1/schools/{urn}/registers", bytes("{}"), "application/json", null, null, false, false, 404,
                "NOT_FOUND", null, null));
    }

    private void add(String name, Endpoint endpoint, String body, int status, String code, Integer index,
                     String field) {
        cases.add(new Case(name, endpoint, endpoint.method(), endpoint.path(), bytes(body), "application/json", null,
                null, false, false, status, code, index, field));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with the raw bytes inside its first string value (the first key, in fact): not valid JSON text. */
    private static byte[] withRawBytes(String body, byte[] raw) {
        int quote = body.indexOf('"') + 1;
        byte[] head = bytes(body.substring(0, quote));
        byte[] tail = bytes(body.substring(quote));
        byte[] all = new byte[head.length + raw.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(raw, 0, all, head.length, raw.length);
        System.arraycopy(tail, 0, all, head.length + raw.length, tail.length);
        return all;
    }

    /** The valid body padded past 2 MB with a field the endpoint ignores, in values the parser reads one by one. */
    private static byte[] oversized(String body) {
        String value = "\"" + "p".repeat(1000) + "\",";
        String padding = "{\"padding\":[" + value.repeat(2200) + "\"end\"],";
        return bytes(padding + body.substring(1));
    }

    /** The body with its first field repeated in front of it (a second value a lenient reader would keep). */
    private static String firstKeyTwice(String body) {
        try {
            var first = JSON.readTree(body).fields().next();
            return "{" + JSON.writeValueAsString(first.getKey()) + ":" + JSON.writeValueAsString(first.getValue())
                    + "," + body.substring(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** The body with the value at the JSON pointer replaced by the raw JSON text given. */
    static String mutate(String body, String pointer, String rawValue) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = root.at(at.head());
            String last = at.last().getMatchingProperty();
            if (parent instanceof ObjectNode object) {
                if (!object.has(last)) {
                    throw new IllegalArgumentException(pointer + " is not in the body of the endpoint");
                }
                object.set(last, new TextNode(MUTANT));
            } else if (parent instanceof ArrayNode array) {
                array.set(at.last().getMatchingIndex(), new TextNode(MUTANT));
            } else {
                throw new IllegalArgumentException(pointer + " is not in the body of the endpoint");
            }
            return JSON.writeValueAsString(root).replace("\"" + MUTANT + "\"", rawValue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
