package org.attendanceledger.service.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attendanceledger.common.TextLimits;

/**
 * The JSON reader of HTTP requests, and only of requests: it takes what the client wrote or refuses it, never a guess.
 * A number is not a string, a string not a number, 30.7 not 30, 1 not PM, "AM " not AM, an instant not a date, an
 * epoch number not an instant; trailing text after the document, a repeated key or an absurd nesting is malformed.
 * Every text is checked against {@link TextLimits} as it is read, so a refusal names the field and the item.
 *
 * <p>Stored events are read by the event serializer's own mapper (EventSerializationConfiguration), which this does
 * not touch: what was accepted once stays readable.
 */
public final class StrictRequestJson {

    /** No field of the contract nests deeper than four levels; JSON nested deeper than this is not a request. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Longer than any count or version the contract has; a longer number is an attack on the number parser. */
    static final int MAX_NUMBER_LENGTH = 30;
    /**
     * Far above every field's limit (so the field's own limit answers, naming it) and far below the body limit: a
     * single string the parser will not buffer.
     */
    static final int MAX_STRING_LENGTH = 100_000;

    private StrictRequestJson() {
    }

    /** A strict copy of the application's mapper: same output, strict input. */
    @SuppressWarnings("deprecation") // MapperFeature on a copy: the builder cannot start from a configured mapper.
    public static ObjectMapper of(ObjectMapper application) {
        ObjectMapper strict = application.copy();
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, false);
        strict.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_VALUES, false);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        strict.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        strict.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        strict.disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
        strict.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);

        SimpleModule module = new SimpleModule("strict-request-json");
        module.addDeserializer(String.class, new Text());
        module.addDeserializer(LocalDate.class, new Temporal<>(LocalDate.class, "a date as yyyy-MM-dd",
                text -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE), date -> date));
        module.addDeserializer(LocalTime.class, new Temporal<>(LocalTime.class, "a local time as HH:mm[:ss]",
                text -> LocalTime.parse(text, DateTimeFormatter.ISO_LOCAL_TIME), time -> null));
        module.addDeserializer(Instant.class, new Temporal<>(Instant.class,
                "a timestamp with its offset, as 2024-10-01T08:52:10+01:00",
                text -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
                instant -> instant.atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription beanDesc,
                                                              JsonDeserializer<?> deserializer) {
                return new ExactEnum(type.getRawClass());
            }
        });
        strict.registerModule(module);
        return strict;
    }

    /**
     * A value the ledger refuses although it is well-formed JSON of the right type; carries the sentence for the
     * client. Jackson adds the path (item and field) as it unwinds.
     */
    public static final class RefusedValue extends JsonMappingException {

        private final String detail;

        RefusedValue(JsonParser parser, String detail) {
            super(parser, detail);
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** The field a value belongs to: its own key, or the key of the list holding it. */
    static String fieldOf(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        if (context.inArray() && context.getParent() != null) {
            return context.getParent().getCurrentName();
        }
        return context.getCurrentName();
    }

    /** Strings from JSON strings only, within the field's limit and free of NUL and lone surrogates. */
    static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            String field = fieldOf(parser);
            Optional<String> problem = TextLimits.problem(field, text);
            if (problem.isPresent()) {
                throw new RefusedValue(parser, (field == null ? "the value" : field) + " " + problem.get());
            }
            return text;
        }
    }

    /** A date or time from a JSON string in exactly one ISO form, within the ledger's years. */
    static final class Temporal<T> extends StdScalarDeserializer<T> {

        private final String form;
        private final Function<String, T> parse;
        private final Function<T, LocalDate> dateOf;

        Temporal(Class<T> type, String form, Function<String, T> parse, Function<T, LocalDate> dateOf) {
            super(type);
            this.form = form;
            this.parse = parse;
            this.dateOf = dateOf;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String field = fieldOf(parser);
            String name = field == null ? "the value" : field;
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new RefusedValue(parser, name + " must be " + form + " in a JSON string");
            }
            T value;
            try {
                value = parse.apply(parser.getText());
            } catch (DateTimeParseException e) {
                throw new RefusedValue(parser, name + " must be " + form);
            }
            LocalDate date = dateOf.apply(value);
            Optional<String> outOfRange = date == null ? Optional.empty() : TextLimits.problem(date);
            if (outOfRange.isPresent()) {
                throw new RefusedValue(parser, name + " " + outOfRange.get());
            }
            return value;
        }
    }

    /** An enum from its exact constant name in a JSON string: no index, no trimming, no other case. */
    static final class ExactEnum extends StdScalarDeserializer<Object> {

        private final Class<?> type;
        private final String names;

        ExactEnum(Class<?> type) {
            super(type);
            this.type = type;
            this.names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String field = fieldOf(parser);
            String name = field == null ? "the value" : field;
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(text)) {
                        return constant;
                    }
                }
            }
            throw new RefusedValue(parser, name + " must be one of " + names);
        }
    }
}
