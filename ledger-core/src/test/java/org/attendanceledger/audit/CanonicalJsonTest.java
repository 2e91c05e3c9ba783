package org.attendanceledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The canonicalizer against RFC 8785's own examples, and the log's leaf and signed-head forms built on it. */
class CanonicalJsonTest {

    @Test
    void rfc_8785_section_3_2_2_example_is_canonicalized_as_the_rfc_shows() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";

        assertThat(CanonicalJson.canonicalString(input)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void rfc_8785_section_3_2_3_sorts_properties_by_utf_16_code_units() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";

        assertThat(CanonicalJson.canonicalString(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void rfc_8785_section_3_2_4_utf_8_bytes_start_as_the_rfc_shows() {
        byte[] bytes = CanonicalJson.canonicalize("{\"literals\": [null, true, false]}");

        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d7d");
    }

    @Test
    void rfc_8785_appendix_b_numbers_are_serialized_as_ecmascript_does() {
        assertThat(CanonicalJson.canonicalString("[-0, 5e-324, 1.7976931348623157e308, 9007199254740992, 1e23, "
                + "0.000001, 9.999999999999997e-7, 1e21, 999999999999999900000]"))
                .isEqualTo("[0,5e-324,1.7976931348623157e+308,9007199254740992,1e+23,0.000001,"
                        + "9.999999999999997e-7,1e+21,999999999999999900000]");
    }

    @Test
    void a_text_that_is_not_json_is_refused() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_leaf_is_the_canonical_log_form_and_hashes_with_the_leaf_prefix() {
        LogLeaf leaf = new LogLeaf(7, "e-1", "org.example.Happened", "100001:H801200001001", 2,
                "{ \"code\" : \"/\", \"minutesLate\": null }", "{\"receivedAt\":\"2024-10-01T07:52:11Z\"}",
                "2024-10-01T07:52:11Z");

        assertThat(leaf.canonical()).isEqualTo("{\"aggregateId\":\"100001:H801200001001\",\"eventId\":\"e-1\","
                + "\"logIndex\":7,\"metadata\":{\"receivedAt\":\"2024-10-01T07:52:11Z\"},"
                + "\"payload\":{\"code\":\"/\",\"minutesLate\":null},\"receivedAt\":\"2024-10-01T07:52:11Z\","
                + "\"sequence\":2,\"type\":\"org.example.Happened\"}");
        byte[] prefixed = new byte[leaf.bytes().length + 1];
        System.arraycopy(leaf.bytes(), 0, prefixed, 1, leaf.bytes().length);
        assertThat(leaf.hash()).isEqualTo(sha256(prefixed));
    }

    @Test
    void strings_with_quotes_backslashes_and_control_characters_survive_the_leaf_form() {
        LogLeaf leaf = new LogLeaf(0, "a\"b\\c\n\u0001", "t", "x", 0, "{}", null, null);

        assertThat(leaf.canonical()).contains("\"eventId\":\"a\\\"b\\\\c\\n\\u0001\"")
                .contains("\"metadata\":null").contains("\"receivedAt\":null");
    }

    @Test
    void a_tree_head_signs_the_canonical_json_of_root_timestamp_and_size() {
        TreeHead head = new TreeHead(3, new byte[] {1, 2, 3}, "2026-12-03T04:00:00Z");

        assertThat(new String(head.signedBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"rootHash\":\"AQID\",\"timestamp\":\"2026-12-03T04:00:00Z\",\"treeSize\":3}");
    }

    private static byte[] sha256(byte[] value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
