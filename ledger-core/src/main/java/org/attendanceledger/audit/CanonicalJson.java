package org.attendanceledger.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes, and the JSON text the log composes before canonicalizing it.
 *
 * <p>The reference Java implementation (io.github.erdtman:java-json-canonicalization) is the authority. Every event
 * becomes a leaf of the tamper-evident log, and that implementation's own parser and escaper were the hottest code of
 * a benchmark's ingest, so the JSON our events are made of (strings, integers, literals, objects and arrays) takes a
 * fast path: Jackson's streaming parser reads it and it is written the RFC's way here (properties sorted by UTF-16
 * code units, strings escaped as ECMAScript's {@code JSON.stringify} does, integers in decimal). Whatever the fast path
 * does not cover exactly, a fraction, an exponent, an integer beyond 2^53, a lone surrogate or a repeated property
 * name, goes to the reference implementation, whole. {@code CanonicalJsonTest} holds the two to the same bytes on
 * random JSON and the RFC's examples; the auditor's verifier ({@code ledger-verify}) recomputes leaves with the
 * reference implementation alone.
 */
public final class CanonicalJson {

    /** Integers the RFC writes in plain decimal: ECMAScript numbers are doubles, exact up to 2^53. */
    private static final long EXACT_INTEGER = 1L << 53;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The UTF-8 bytes of the RFC 8785 form of a JSON text; a text that is not JSON is refused. */
    public static byte[] canonicalize(String json) {
        String fast = fastPath(json);
        return fast != null ? fast.getBytes(StandardCharsets.UTF_8) : reference(json);
    }

    public static String canonicalString(String json) {
        return new String(canonicalize(json), StandardCharsets.UTF_8);
    }

    /** The reference implementation's bytes. */
    static byte[] reference(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON text: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON text", e);
        }
    }

    /** The canonical text by the fast path, or null when the text holds something only the reference covers. */
    static String fastPath(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return null;
            }
            Object value = read(parser, first);
            if (value == OUTSIDE || parser.nextToken() != null) {
                return null;
            }
            StringBuilder out = new StringBuilder(json.length());
            write(value, out);
            return out.toString();
        } catch (IOException | RuntimeException e) {
            // Not JSON, or a repeated name: the reference implementation decides (and refuses what is not JSON).
            return null;
        }
    }

    /** Marks a value the fast path does not cover. */
    private static final Object OUTSIDE = new Object();

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new TreeMap<>(); // String order is UTF-16 code-unit order (RFC 3.2.3)
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    Object member = read(parser, parser.nextToken());
                    if (member == OUTSIDE || !wellFormed(name)) {
                        return OUTSIDE;
                    }
                    object.put(name, member);
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    Object element = read(parser, next);
                    if (element == OUTSIDE) {
                        return OUTSIDE;
                    }
                    array.add(element);
                }
                return array;
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                return wellFormed(text) ? text : OUTSIDE;
            }
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return OUTSIDE;
                }
                long number = parser.getLongValue(); // not Math.abs: it leaves Long.MIN_VALUE negative
                return number >= -EXACT_INTEGER && number <= EXACT_INTEGER ? number : OUTSIDE;
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                return OUTSIDE; // fractions and exponents: ECMAScript's number formatting is the reference's
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> object) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> member : ((Map<String, Object>) object).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(array.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String text) {
            string(text, out);
        } else {
            out.append(value); // Long, Boolean or null
        }
    }

    /** A string as RFC 8785 section 3.2.2.2 (ECMAScript's JSON.stringify) writes it. */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        int run = 0; // start of the characters not yet written, which need no escape: appended as one run
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 ? "\\u00" + HEX[c >> 4] + HEX[c & 0xf] : null;
            };
            if (escape != null) {
                out.append(value, run, i).append(escape);
                run = i + 1;
            }
        }
        out.append(value, run, value.length()).append('"');
    }

    /** Whether every surrogate in the text is half of a pair. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON string literal of {@code value}, escaped as the canonical form escapes it. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        string(value, out);
        return out.toString();
    }

}
