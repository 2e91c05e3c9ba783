package org.attendanceledger.service.penalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Free text from the ledger reaches the PDF as text: never as markup, never as characters XML cannot carry. */
class EvidenceBundlePdfTest {

    @Test
    void markup_characters_become_numeric_references_and_characters_xml_cannot_carry_are_dropped() {
        String escaped = EvidenceBundlePdf.text(new TextNode("<b>ill</b> & \"sick\" 'note'\u0000\u001b\ttab"));

        assertThat(escaped).isEqualTo("&#60;b&#62;ill&#60;/b&#62; &#38; &#34;sick&#34; &#39;note&#39;\ttab");
    }

    @Test
    void a_reason_that_looks_like_markup_or_carries_control_characters_still_renders_and_reads_back_as_written()
            throws IOException {
        String reason = "</td></tr></table><h1>forged</h1>\u0007 & <![CDATA[x]]>";
        var bundle = new ObjectMapper().createObjectNode();
        bundle.putObject("threshold").put("upn", "A123456789012").put("urn", "100001").put("met", false);
        var session = bundle.putArray("sessions").addObject().put("date", "2024-10-03").put("session", "AM")
                .put("code", "O");
        session.putArray("history").addObject().put("version", 2).put("kind", "AMENDED").put("previousCode", "G")
                .put("code", "O").put("reason", reason);

        byte[] pdf = EvidenceBundlePdf.render(bundle, false);

        try (PDDocument document = PDDocument.load(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("</td></tr></table><h1>forged</h1> & <![CDATA[x]]>").contains("A123456789012");
        }
    }
}
