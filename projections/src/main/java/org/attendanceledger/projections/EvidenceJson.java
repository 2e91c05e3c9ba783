package org.attendanceledger.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;

/**
 * A breach's evidence as {@code projection_threshold_breach.sessions} stores it: the counted marks of its window, in
 * order, each as date, session and code. The projection writes it and the LA queue reads it back.
 */
public final class EvidenceJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private record StoredMark(LocalDate date, Session session, String code) {
    }

    private EvidenceJson() {
    }

    /** The marks as JSON; null for none, so that rows above the threshold store nothing. */
    static String write(List<SessionMark> marks) {
        if (marks.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(marks.stream()
                    .map(mark -> new StoredMark(mark.date(), mark.session(), mark.code())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence that cannot be written as JSON", e);
        }
    }

    /**
     * The marks stored by {@link #write}; none for null. The LA queue reads every breach of an LA's pupils, so this is
     * a streaming read with the ISO date taken apart by hand: Jackson's data binding and {@code LocalDate.parse} were
     * 44% of the queue's time (a flight recording of the quick bench's queries). Field order and spacing do not
     * matter (PostgreSQL's jsonb, which held them before V470, rewrote both); anything but what {@link #write} writes is refused.
     */
    public static List<SessionMark> read(String json) {
        if (json == null) {
            return List.of();
        }
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notEvidence(json);
            }
            List<SessionMark> marks = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) == JsonToken.START_OBJECT) {
                String date = null;
                String session = null;
                String code = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() != JsonToken.VALUE_STRING) {
                        throw notEvidence(json);
                    }
                    switch (field) {
                        case "date" -> date = parser.getText();
                        case "session" -> session = parser.getText();
                        case "code" -> code = parser.getText();
                        default -> throw notEvidence(json);
                    }
                }
                if (date == null || session == null || code == null) {
                    throw notEvidence(json);
                }
                marks.add(new SessionMark(isoDate(date, json), Session.valueOf(session), code));
            }
            if (next != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw notEvidence(json);
            }
            return marks;
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            IllegalStateException refused = notEvidence(json);
            refused.initCause(e);
            throw refused;
        }
    }

    /** yyyy-MM-dd, as {@code LocalDate.toString} writes the years the ledger holds. */
    private static LocalDate isoDate(String text, String json) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw notEvidence(json);
        }
        return LocalDate.of(digits(text, 0, 4, json), digits(text, 5, 7, json), digits(text, 8, 10, json));
    }

    private static int digits(String text, int from, int to, String json) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw notEvidence(json);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static IllegalStateException notEvidence(String json) {
        return new IllegalStateException("stored evidence that is not the JSON this projection writes: " + json);
    }
}
