package org.attendanceledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.attendanceledger.roll.Upn;

/**
 * Builds what the worked cases need through the HTTP API: the reference "Example School" (section 9.0 of the domain
 * rules), its calendars for 2024-25 and 2025-26, pupils with valid UPNs, staff grants.
 */
public class Fixtures {

    private static final AtomicInteger NEXT_URN = new AtomicInteger(100000 + (int) (Math.random() * 800000));
    private static final AtomicInteger NEXT_PUPIL = new AtomicInteger((int) (Math.random() * 1_000_000));

    public static final Map<String, String> HEAD = actor("Ann Head", "Headteacher", "S-HEAD");
    public static final Map<String, String> TEACHER = actor("Tom Teacher", "Class teacher", "S-T1");
    public static final Map<String, String> OFFICE = actor("Olive Office", "Attendance officer", "S-OFF");

    private final LedgerClient api;

    public Fixtures(LedgerClient api) {
        this.api = api;
    }

    public static Map<String, String> actor(String name, String position, String staffId) {
        Map<String, String> actor = new LinkedHashMap<>();
        actor.put("name", name);
        actor.put("position", position);
        if (staffId != null) {
            actor.put("staffId", staffId);
        }
        return actor;
    }

    public static String newUpn() {
        return Upn.withCheckLetter(String.format("8012%07d%d", NEXT_PUPIL.incrementAndGet() % 10_000_000, 1)).value();
    }

    /** A school with the given LA and AM/PM register policy (08:50 and 13:15, 30 minutes). */
    public String school(String laCode) {
        return school(laCode, "08:50", 30, false);
    }

    /** A school with its own morning register policy. */
    public String school(String laCode, String amRegisterStart, int windowMinutes, boolean closingInstantIsLate) {
        return school(laCode, Map.of("amRegisterStart", amRegisterStart, "registerWindowMinutes", windowMinutes,
                "closingInstantIsLate", closingInstantIsLate));
    }

    /** A school with the default register policy (08:50 and 13:15, 30 minutes) but for the fields given. */
    public String school(String laCode, Map<String, Object> policy) {
        String urn = String.valueOf(NEXT_URN.incrementAndGet());
        Map<String, Object> body = new LinkedHashMap<>(Map.of("urn", urn, "name", "Example School " + urn,
                "laCode", laCode, "amRegisterStart", "08:50", "pmRegisterStart", "13:15",
                "registerWindowMinutes", 30, "closingInstantIsLate", false));
        body.putAll(policy);
        var response = api.post("/api/v1/schools", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return urn;
    }

    /** The reference school with both reference calendars published. */
    public String exampleSchool() {
        return exampleSchool("201");
    }

    /** The reference school, in the given LA, with both reference calendars published. */
    public String exampleSchool(String laCode) {
        String urn = school(laCode);
        publish(urn, "2024-25", referenceTerms2024(), referenceClosures2024());
        publish(urn, "2025-26", List.of(term("2025-09-03", "2025-10-24")), List.of());
        return urn;
    }

    public void publish(String urn, String year, List<Map<String, Object>> terms, List<Map<String, Object>> closures) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", terms);
        body.put("closures", closures);
        body.put("by", HEAD);
        var response = api.put("/api/v1/schools/" + urn + "/calendars/" + year, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    public static List<Map<String, Object>> referenceTerms2024() {
        return List.of(term("2024-09-04", "2024-10-25"), term("2024-11-04", "2024-12-20"),
                term("2025-01-06", "2025-02-14"), term("2025-02-24", "2025-04-04"),
                term("2025-04-22", "2025-05-23"), term("2025-06-02", "2025-07-22"));
    }

    public static List<Map<String, Object>> referenceClosures2024() {
        List<Map<String, Object>> closures = new ArrayList<>();
        closures.add(closure("2025-01-06", "BOTH", "INSET"));
        closures.add(closure("2025-02-24", "BOTH", "INSET"));
        closures.add(closure("2025-05-05", "BOTH", "Bank holiday"));
        closures.add(closure("2025-06-02", "BOTH", "INSET"));
        return closures;
    }

    public static Map<String, Object> term(String start, String end) {
        return Map.of("start", start, "end", end);
    }

    public static Map<String, Object> closure(String date, String session, String reason) {
        return Map.of("date", date, "session", session, "reason", reason);
    }

    public String admit(String urn, String startingDay) {
        return admit(urn, startingDay, null);
    }

    public String admit(String urn, String startingDay, String yearGroup) {
        String upn = newUpn();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upn", upn);
        body.put("startingDay", startingDay);
        if (yearGroup != null) {
            body.put("yearGroup", yearGroup);
        }
        body.put("by", OFFICE);
        var response = api.post("/api/v1/schools/" + urn + "/pupils", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return upn;
    }

    /** Deletes the pupil from roll after the last day on roll. */
    public void delete(String urn, String upn, String lastDayOnRoll) {
        var response = api.post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion", Map.of(
                "lastDayOnRoll", lastDayOnRoll, "ground", "MOVED_AWAY", "reason", "family moved away", "by", OFFICE));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    public void grant(String urn, Map<String, String> person, String scope, String from) {
        var response = api.post("/api/v1/schools/" + urn + "/staff-grants", Map.of("staffId", person.get("staffId"),
                "name", person.get("name"), "position", person.get("position"), "scopes", List.of(scope),
                "from", from, "by", HEAD));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    /** One mark as the MIS posts it. */
    public static Map<String, Object> mark(String upn, String date, String session, String code) {
        Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("upn", upn);
        mark.put("date", date);
        mark.put("session", session);
        mark.put("code", code);
        mark.put("recordedBy", TEACHER);
        mark.put("recordedAt", date + "T08:55:00+01:00");
        return mark;
    }

    public static Map<String, Object> with(Map<String, Object> mark, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(mark);
        copy.put(key, value);
        return copy;
    }

    public LedgerClient.Response postMarks(String urn, List<Map<String, Object>> marks) {
        return api.post("/api/v1/schools/" + urn + "/marks", Map.of("marks", marks));
    }

    public void recordMarks(String urn, List<Map<String, Object>> marks) {
        var response = postMarks(urn, marks);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** Marks one code for both sessions of each of the given dates. */
    public static List<Map<String, Object>> allDay(String upn, String code, String... dates) {
        List<Map<String, Object>> marks = new ArrayList<>();
        for (String date : dates) {
            marks.add(mark(upn, date, "AM", code));
            marks.add(mark(upn, date, "PM", code));
        }
        return marks;
    }

    public LedgerClient.Response amend(String urn, String upn, String date, String session, String code,
                                       String reason, Map<String, String> by, String amendedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("reason", reason);
        body.put("amendedBy", by);
        body.put("amendedAt", amendedAt);
        return api.post("/api/v1/schools/" + urn + "/marks/" + upn + "/" + date + "/" + session + "/amendments", body);
    }

    public static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
