package org.attendanceledger.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.attendanceledger.service.support.ProjectionReader;
import org.attendanceledger.service.support.ReferenceRegisters;
import org.junit.jupiter.api.Test;

/** Every list as CSV: the JSON field names as the header, and the CSV read back equals the JSON. */
class CsvExportTest extends LedgerApiTest {

    private static final CsvMapper CSV = new CsvMapper();

    private static List<Map<String, String>> parse(String csv) throws IOException {
        MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv);
        return rows.readAll();
    }

    /** A JSON item as the CSV should show it: nested objects as dotted columns, lists as their JSON text. */
    private static Map<String, String> flattened(JsonNode item) {
        Map<String, String> cells = new LinkedHashMap<>();
        flatten(item, "", cells);
        return cells;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> cells) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isObject() && !field.getKey().equals("byCode")) {
                flatten(value, prefix + field.getKey() + ".", cells);
            } else {
                cells.put(prefix + field.getKey(), value.isNull() ? "" : value.isContainerNode() ? value.toString()
                        : value.asText());
            }
        }
    }

    private static boolean isNumber(String text) {
        return text.matches("-?\\d+(\\.\\d+)?");
    }

    private void assertCsvEqualsJson(String path) throws IOException {
        JsonNode json = api().get(path).body();
        LedgerClient.TextResponse csv = api().getAs(path, "text/csv");

        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<Map<String, String>> rows = parse(csv.body());
        List<Map<String, String>> expected = new ArrayList<>();
        json.path("items").forEach(item -> expected.add(flattened(item)));
        assertThat(rows).as(path).hasSameSizeAs(expected);
        for (int i = 0; i < rows.size(); i++) {
            for (Map.Entry<String, String> cell : expected.get(i).entrySet()) {
                Map<String, String> row = rows.get(i);
                if (cell.getValue().isEmpty() && !row.containsKey(cell.getKey())) {
                    // A null nested object: its dotted columns are all empty.
                    List<String> nested = row.keySet().stream().filter(k -> k.startsWith(cell.getKey() + ".")).toList();
                    assertThat(nested).as(path + " row " + i + " " + cell.getKey()).isNotEmpty();
                    nested.forEach(column -> assertThat(row.get(column)).as(column).isEmpty());
                    continue;
                }
                String actual = row.get(cell.getKey());
                assertThat(actual).as(path + " row " + i + " " + cell.getKey()).isNotNull();
                if (isNumber(cell.getValue()) && isNumber(actual)) {
                    assertThat(new BigDecimal(actual)).isEqualByComparingTo(cell.getValue());
                } else {
                    assertThat(actual).as(path + " row " + i + " " + cell.getKey()).isEqualTo(cell.getValue());
                }
            }
        }
        assertThat(expected).as(path + " has rows to compare").isNotEmpty();
    }

    @Test
    void absence_lists_the_penalty_queue_overdue_n_notices_and_leave_without_decision_read_back_equal_to_json()
            throws IOException {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String absent = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, ReferenceRegisters.year(absent).absent(12, "G").absent(8, "N").marks());
        String onLeave = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(onLeave, "C", "2024-10-01"));
        var notice = api().post("/api/v1/las/" + laCode + "/penalty-notices", Map.of("urn", urn, "upn", absent,
                "parentRef", "P-1", "kind", "PENALTY_NOTICE", "issuedOn", "2024-10-01", "by", Fixtures.HEAD));
        assertThat(notice.status()).as(notice.toString()).isEqualTo(201);

        assertCsvEqualsJson("/api/v1/las/" + laCode + "/absence-lists/persistent?academicYear=2024-25&asOf=2025-08-31");
        assertCsvEqualsJson("/api/v1/las/" + laCode + "/penalty-threshold?from=2024-09-01&to=2025-08-31");
        assertCsvEqualsJson("/api/v1/schools/" + urn + "/overdue-n?asOf=2025-08-31");
        assertCsvEqualsJson("/api/v1/las/" + laCode + "/penalty-notices");
        assertCsvEqualsJson("/api/v1/schools/" + urn + "/leave-without-decision?from=2024-09-01&to=2025-08-31");
    }

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_is_escaped() throws IOException {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String pupil = fixtures().admit(urn, "2024-09-04");
        for (String reference : List.of("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)")) {
            var notice = api().post("/api/v1/las/" + laCode + "/penalty-notices", Map.of("urn", urn, "upn", pupil,
                    "parentRef", reference, "kind", "NOTICE_TO_IMPROVE", "issuedOn", "2024-10-01",
                    "by", Fixtures.HEAD));
            assertThat(notice.status()).as(notice.toString()).isEqualTo(201);
        }

        List<Map<String, String>> rows = parse(api().getAs("/api/v1/las/" + laCode + "/penalty-notices", "text/csv")
                .body());

        assertThat(rows).extracting(row -> row.get("parentRef"))
                .containsExactlyInAnyOrder("'=HYPERLINK(\"http://x\")", "'+1+1", "'-2+3", "'@SUM(A1)");
    }

    @Test
    void an_empty_list_still_has_its_header() {
        String laCode = ProjectionReader.newLaCode();

        LedgerClient.TextResponse csv = api().getAs("/api/v1/las/" + laCode + "/penalty-notices", "text/csv");

        assertThat(csv.body().lines().findFirst()).get().asString()
                .startsWith("id,laCode,urn,upn,parentRef,kind,issuedOn,breachAt.date,breachAt.session");
    }
}
