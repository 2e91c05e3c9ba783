package org.attendanceledger.service.penalty;

import com.fasterxml.jackson.databind.JsonNode;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.web.util.HtmlUtils;

/**
 * The evidence bundle as a printable PDF for a court bundle: an XHTML page built from the bundle's JSON, exactly as the
 * caller may see it (reasons already withheld where they must be), rendered by openhtmltopdf. Every value from the
 * ledger goes through {@link #text} so that nothing in a reason or a name can become markup.
 */
final class EvidenceBundlePdf {

    private static final String STYLE = """
            @page { size: A4 landscape; margin: 12mm; }
            body { font-family: sans-serif; font-size: 9pt; }
            h1 { font-size: 15pt; margin: 0 0 4pt 0; }
            h2 { font-size: 11.5pt; margin: 10pt 0 3pt 0; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 4pt; }
            th, td { border: 0.5pt solid #555; padding: 2pt 3pt; text-align: left; vertical-align: top; }
            th { background: #e8e8e8; }
            .hash { font-family: monospace; font-size: 7.5pt; word-wrap: break-word; }
            .session { page-break-inside: avoid; }
            """;

    private EvidenceBundlePdf() {
    }

    static byte[] render(JsonNode bundle, boolean reasonsWithheld) {
        String html = html(bundle, reasonsWithheld);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the evidence bundle could not be rendered as a PDF", e);
        }
        return out.toByteArray();
    }

    static String html(JsonNode bundle, boolean reasonsWithheld) {
        JsonNode threshold = bundle.path("threshold");
        StringBuilder html = new StringBuilder(16_384);
        html.append("<html><head><title>Penalty threshold evidence bundle</title><style>").append(STYLE)
                .append("</style></head><body>");
        html.append("<h1>Penalty threshold evidence bundle</h1>");
        html.append("<table>");
        row(html, "Pupil (UPN)", text(threshold.path("upn")));
        row(html, "School (URN)", text(threshold.path("urn")));
        row(html, "Period examined", text(threshold.path("from")) + " to " + text(threshold.path("to")));
        row(html, "Threshold met", threshold.path("met").asBoolean() ? "yes" : "no");
        if (threshold.path("met").asBoolean()) {
            row(html, "First met at", slot(threshold.path("firstMetAt")));
            row(html, "Window (school weeks beginning)", text(threshold.path("window").path("firstSchoolWeek"))
                    + " to " + text(threshold.path("window").path("lastSchoolWeek")));
        }
        row(html, "Highest count in any window", text(threshold.path("maxCountInAnyWindow")));
        html.append("</table>");

        html.append("<h2>The school weeks of the window</h2>");
        if (bundle.path("schoolWeeks").isEmpty()) {
            html.append("<p>None: the threshold was not met in the period.</p>");
        } else {
            html.append("<table><tr><th>Week beginning</th><th>School sessions</th><th>Sessions that week</th></tr>");
            for (JsonNode week : bundle.path("schoolWeeks")) {
                html.append("<tr><td>").append(text(week.path("weekStart"))).append("</td><td>")
                        .append(week.path("sessions").size()).append("</td><td>")
                        .append(join(week.path("sessions"), EvidenceBundlePdf::slot, ", ")).append("</td></tr>");
            }
            html.append("</table>");
        }

        treeHead(html, bundle.path("treeHead"));
        sessions(html, bundle.path("sessions"), reasonsWithheld);
        leave(html, bundle.path("leaveDecisions"));
        notices(html, bundle.path("notices"));
        defences(html, bundle.path("defencesChecklist"));
        html.append("</body></html>");
        return html.toString();
    }

    private static void treeHead(StringBuilder html, JsonNode head) {
        html.append("<h2>Signed tree head of the tamper-evident log</h2>");
        if (head.isMissingNode() || head.isNull()) {
            html.append("<p>None: no session needed a proof.</p>");
            return;
        }
        html.append("<table>");
        row(html, "Tree size", text(head.path("treeSize")));
        row(html, "Root hash (SHA-256, base64)", "<span class=\"hash\">" + text(head.path("rootHash")) + "</span>");
        row(html, "Signed at", text(head.path("timestamp")));
        row(html, "Key id (Ed25519)", "<span class=\"hash\">" + text(head.path("keyId")) + "</span>");
        row(html, "Signature (base64)", "<span class=\"hash\">" + text(head.path("signature")) + "</span>");
        html.append("</table><p>Each session below carries the RFC 9162 audit path of its current version's leaf in "
                + "the tree of this size; the signed head and its public key are served by "
                + "/api/v1/audit/log/tree-head and /api/v1/audit/log/public-key.</p>");
    }

    private static void sessions(StringBuilder html, JsonNode sessions, boolean reasonsWithheld) {
        html.append("<h2>Counted sessions and their amendment chains</h2>");
        if (sessions.isEmpty()) {
            html.append("<p>None.</p>");
            return;
        }
        for (JsonNode session : sessions) {
            html.append("<div class=\"session\"><table><tr><th colspan=\"8\">").append(slot(session))
                    .append(": code ").append(text(session.path("code"))).append(" &#8212; logIndex ")
                    .append(text(session.path("logIndex"))).append(", leaf hash <span class=\"hash\">")
                    .append(text(session.path("leafHash"))).append("</span></th></tr>");
            html.append("<tr><th>Version</th><th>Kind</th><th>Original</th><th>Amended to</th><th>Reason</th>"
                    + "<th>By (name, position)</th><th>At (school) / received</th><th>logIndex</th></tr>");
            for (JsonNode link : session.path("history")) {
                boolean amended = "AMENDED".equals(link.path("kind").asText());
                String reason = link.path("reason").isNull() || link.path("reason").isMissingNode()
                        ? (amended && reasonsWithheld ? "(withheld)" : "") : text(link.path("reason"));
                html.append("<tr><td>").append(text(link.path("version"))).append("</td><td>")
                        .append(text(link.path("kind"))).append(link.path("backdated").asBoolean() ? " (backdated)" : "")
                        .append("</td><td>").append(amended ? text(link.path("previousCode")) : text(link.path("code")))
                        .append("</td><td>").append(amended ? text(link.path("code")) : "")
                        .append("</td><td>").append(reason)
                        .append("</td><td>").append(text(link.path("by").path("name"))).append(", ")
                        .append(text(link.path("by").path("position")))
                        .append("</td><td>").append(text(link.path("at"))).append(" / ")
                        .append(text(link.path("receivedAt")))
                        .append("</td><td>").append(text(link.path("logIndex"))).append("</td></tr>");
            }
            html.append("<tr><td colspan=\"8\">Audit path in the tree of size ")
                    .append(text(session.path("inclusionProof").path("treeSize"))).append(": <span class=\"hash\">")
                    .append(join(session.path("inclusionProof").path("auditPath"), EvidenceBundlePdf::text, " "))
                    .append("</span></td></tr></table></div>");
        }
    }

    private static void leave(StringBuilder html, JsonNode requests) {
        html.append("<h2>Leave of absence overlapping the window</h2>");
        if (requests.isEmpty()) {
            html.append("<p>None recorded.</p>");
            return;
        }
        html.append("<table><tr><th>From</th><th>To</th><th>Requested by</th><th>Decision</th><th>Code</th>"
                + "<th>Decided on</th><th>Withdrawn on</th></tr>");
        for (JsonNode request : requests) {
            html.append("<tr><td>").append(slot(request.path("from"))).append("</td><td>")
                    .append(slot(request.path("to"))).append("</td><td>").append(text(request.path("requestedBy")))
                    .append("</td><td>").append(orNone(request.path("decision"), "not decided")).append("</td><td>")
                    .append(text(request.path("code"))).append("</td><td>").append(text(request.path("decidedOn")))
                    .append("</td><td>").append(text(request.path("withdrawnOn"))).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void notices(StringBuilder html, JsonNode notices) {
        html.append("<h2>Notices to improve and penalty notices for the pupil</h2>");
        if (notices.isEmpty()) {
            html.append("<p>None recorded.</p>");
            return;
        }
        html.append("<table><tr><th>Kind</th><th>Issued on</th><th>Parent ref</th><th>Breach at</th><th>Number</th>"
                + "<th>Outcome</th><th>Outcome on</th></tr>");
        for (JsonNode notice : notices) {
            html.append("<tr><td>").append(text(notice.path("kind"))).append("</td><td>")
                    .append(text(notice.path("issuedOn"))).append("</td><td>").append(text(notice.path("parentRef")))
                    .append("</td><td>").append(slot(notice.path("breachAt"))).append("</td><td>")
                    .append(text(notice.path("noticeNumber"))).append("</td><td>")
                    .append(orNone(notice.path("outcome"), "open")).append("</td><td>")
                    .append(text(notice.path("outcomeOn"))).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void defences(StringBuilder html, JsonNode defences) {
        html.append("<h2>Statutory defences: what the ledger records (no verdict)</h2>");
        html.append("<table><tr><th>Defence</th><th>What the ledger records</th><th>Sessions</th><th>Note</th></tr>");
        for (JsonNode defence : defences) {
            JsonNode facts = defence.path("facts");
            int rows = Math.max(1, facts.size());
            html.append("<tr><td rowspan=\"").append(rows).append("\">").append(text(defence.path("description")))
                    .append("</td>");
            boolean firstFact = true;
            for (JsonNode fact : facts) {
                if (!firstFact) {
                    html.append("<tr>");
                }
                html.append("<td>").append(text(fact.path("fact"))).append("</td><td>")
                        .append(orNone(fact.path("sessions"), "not known")).append("</td><td>")
                        .append(text(fact.path("note"))).append("</td></tr>");
                firstFact = false;
            }
        }
        html.append("</table>");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(label).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String slot(JsonNode slot) {
        return slot.isMissingNode() || slot.isNull() ? "" : text(slot.path("date")) + " " + text(slot.path("session"));
    }

    private static String orNone(JsonNode value, String none) {
        return value.isMissingNode() || value.isNull() ? none : text(value);
    }

    private static String join(JsonNode array, java.util.function.Function<JsonNode, String> each, String separator) {
        return StreamSupport.stream(array.spliterator(), false).map(each).collect(Collectors.joining(separator));
    }

    /**
     * A value as XHTML text: characters XML cannot carry at all (controls other than tab and line breaks) are dropped,
     * and the markup characters are written as numeric references, which an XML parser reads back exactly (named HTML
     * entities it would refuse).
     */
    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        String raw = value.asText();
        StringBuilder clean = new StringBuilder(raw.length());
        raw.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF
                && !(c >= 0xD800 && c <= 0xDFFF))).forEach(clean::appendCodePoint);
        return HtmlUtils.htmlEscapeDecimal(clean.toString(), "UTF-8");
    }
}
