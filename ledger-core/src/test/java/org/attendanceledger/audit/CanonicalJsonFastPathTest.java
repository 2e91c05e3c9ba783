package org.attendanceledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * The log's fast path writes exactly the reference implementation's bytes for the JSON it covers (strings of any
 * Unicode, integers, literals, objects, arrays) and leaves everything else to it.
 */
class CanonicalJsonFastPathTest {

    @Property(tries = 500)
    void the_fast_path_writes_the_reference_implementation_s_bytes(@ForAll("documents") String json) {
        String fast = CanonicalJson.fastPath(json);

        assertThat(fast).as("covered by the fast path: %s", json).isNotNull();
        assertThat(fast).isEqualTo(new String(CanonicalJson.reference(json), StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void a_quoted_string_is_already_in_the_reference_implementation_s_canonical_form(@ForAll("strings") String text) {
        String array = "[" + CanonicalJson.quote(text) + "]";

        assertThat(array).isEqualTo(new String(CanonicalJson.reference(array), StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> strings() {
        return text();
    }

    @Example
    void a_leaf_of_one_of_our_events_takes_the_fast_path() {
        LogLeaf leaf = new LogLeaf(41, "2b0c-…", "org.attendanceledger.register.api.AttendanceMarkRecorded",
                "100001:H801200001001:2024-10-01:AM", 0,
                "{\"urn\":\"100001\",\"upn\":\"H801200001001\",\"date\":\"2024-10-01\",\"session\":\"AM\","
                        + "\"code\":\"L\",\"minutesLate\":12,\"recordedBy\":{\"name\":\"Zoë O'Brien\\n\","
                        + "\"position\":\"Teacher\"}}",
                "{\"receivedAt\":\"2024-10-01T08:52:11.123Z\",\"traceId\":\"t\"}", "2024-10-01T08:52:11.123Z");

        assertThat(CanonicalJson.fastPath(leaf.json())).isNotNull()
                .isEqualTo(new String(CanonicalJson.reference(leaf.json()), StandardCharsets.UTF_8));
    }

    @Example
    void fractions_exponents_large_integers_lone_surrogates_and_repeated_names_go_to_the_reference() {
        for (String json : List.of("[1.5]", "[1e3]", "[9007199254740993]", "[-9007199254740993]",
                "[-9223372036854775808]", "[9223372036854775807]", "[-9223372036854775809]",
                "[\"\\ud800\"]", "{\"\\udc00\":1}", "{\"a\":1,\"a\":2}", "5", "\"text\"")) {
            assertThat(CanonicalJson.fastPath(json)).as(json).isNull();
        }
        assertThat(CanonicalJson.canonicalString("[1.50, 9007199254740993]"))
                .isEqualTo("[1.5,9007199254740992]"); // ECMAScript's doubles, as the reference writes them
        assertThat(CanonicalJson.fastPath("[9007199254740992, -0]")).isEqualTo("[9007199254740992,0]");
    }

    @Provide
    Arbitrary<String> documents() {
        return values(3).filter(v -> v instanceof Map || v instanceof List).map(CanonicalJsonFastPathTest::json);
    }

    private Arbitrary<Object> values(int depth) {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                text().map(s -> (Object) s),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<Object> objects = Arbitraries.maps(text(), values(depth - 1)).ofMaxSize(5).map(m -> (Object) m);
        Arbitrary<Object> arrays = values(depth - 1).list().ofMaxSize(5).map(l -> (Object) l);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalars), net.jqwik.api.Tuple.of(2, objects),
                net.jqwik.api.Tuple.of(2, arrays));
    }

    /** Any Unicode text: control characters, quotes, backslashes, the BMP and supplementary planes, no lone halves. */
    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 0x7f)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x2028, 0x2029, 0x7f, 0x22, 0x5c, 0x2f, 0x08, 0x0c)));
        return codePoint.list().ofMaxSize(12).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /** Valid, deliberately non-canonical JSON: spaces, and every character below 0x20 or above 0x7e \\u-escaped. */
    @SuppressWarnings("unchecked")
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{ ");
            boolean first = true;
            for (Map.Entry<String, Object> member : ((Map<String, Object>) map).entrySet()) {
                out.append(first ? "" : " , ").append(quoted(member.getKey())).append(" : ")
                        .append(json(member.getValue()));
                first = false;
            }
            return out.append(" }").toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[ ");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " , ").append(json(list.get(i)));
            }
            return out.append(" ]").toString();
        }
        return value instanceof String text ? quoted(text) : String.valueOf(value);
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
