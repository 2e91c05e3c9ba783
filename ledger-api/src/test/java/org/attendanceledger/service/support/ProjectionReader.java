package org.attendanceledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;

/** Reads the projections through the HTTP API, asserting each read answered 200. */
public class ProjectionReader {

    private static final AtomicInteger NEXT_LA = new AtomicInteger(300);

    private final LedgerClient api;

    public ProjectionReader(LedgerClient api) {
        this.api = api;
    }

    /** An LA code no other test uses, so LA-wide lists hold only the test's own schools. */
    public static String newLaCode() {
        return String.valueOf(NEXT_LA.incrementAndGet());
    }

    public JsonNode attendance(String urn, String upn, String from, String to) {
        return ok("/api/v1/schools/" + urn + "/pupils/" + upn + "/attendance?from=" + from + "&to=" + to);
    }

    public JsonNode schoolList(String urn, String list, String academicYear, String asOf) {
        return ok("/api/v1/schools/" + urn + "/absence-lists/" + list + "?academicYear=" + academicYear
                + "&asOf=" + asOf);
    }

    public JsonNode laList(String laCode, String list, String academicYear, String asOf) {
        return ok("/api/v1/las/" + laCode + "/absence-lists/" + list + "?academicYear=" + academicYear
                + "&asOf=" + asOf);
    }

    public JsonNode threshold(String urn, String upn, String from, String to) {
        return ok("/api/v1/schools/" + urn + "/pupils/" + upn + "/penalty-threshold?from=" + from + "&to=" + to);
    }

    public JsonNode laThreshold(String laCode, String from, String to) {
        return ok("/api/v1/las/" + laCode + "/penalty-threshold?from=" + from + "&to=" + to);
    }

    public JsonNode overdueN(String urn, String asOf) {
        return ok("/api/v1/schools/" + urn + "/overdue-n?asOf=" + asOf);
    }

    public JsonNode laOverdueN(String laCode, String asOf) {
        return ok("/api/v1/las/" + laCode + "/overdue-n?asOf=" + asOf);
    }

    private JsonNode ok(String path) {
        LedgerClient.Response response = api.get(path);
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
        return response.body();
    }
}
