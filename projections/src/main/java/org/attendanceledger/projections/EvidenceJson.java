package org.attendanceledger.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
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

    private static final TypeReference<List<StoredMark>> MARKS = new TypeReference<>() { };

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

    /** The marks stored by {@link #write}; none for null. */
    public static List<SessionMark> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, MARKS).stream()
                    .map(mark -> new SessionMark(mark.date(), mark.session(), mark.code())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence that is not the JSON this projection writes", e);
        }
    }
}
