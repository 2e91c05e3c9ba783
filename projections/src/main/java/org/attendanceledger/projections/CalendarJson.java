package org.attendanceledger.projections;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.Term;

/**
 * Terms and closures as the read model stores them. Year groups are written sorted, so the same calendar is always the
 * same JSON and a rebuilt table equals the incrementally kept one.
 */
final class CalendarJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);

    private static final TypeReference<List<StoredTerm>> TERMS = new TypeReference<>() { };
    private static final TypeReference<List<StoredClosure>> CLOSURES = new TypeReference<>() { };

    private record StoredTerm(LocalDate start, LocalDate end) {
    }

    private record StoredClosure(LocalDate date, SessionScope session, String reason, List<String> yearGroups) {
    }

    private CalendarJson() {
    }

    static String writeTerms(List<Term> terms) {
        return write(terms.stream().map(t -> new StoredTerm(t.start(), t.end())).toList());
    }

    static String writeClosures(List<Closure> closures) {
        return write(closures.stream()
                .map(c -> new StoredClosure(c.date(), c.session(), c.reason(),
                        c.yearGroups().stream().sorted().toList()))
                .toList());
    }

    static List<Term> readTerms(String json) {
        return read(json, TERMS).stream().map(t -> new Term(t.start(), t.end())).toList();
    }

    static List<Closure> readClosures(String json) {
        return read(json, CLOSURES).stream()
                .map(c -> new Closure(c.date(), c.session(), c.reason(),
                        c.yearGroups() == null ? Set.of() : Set.copyOf(c.yearGroups())))
                .toList();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calendar cannot be written as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored calendar is unreadable", e);
        }
    }
}
