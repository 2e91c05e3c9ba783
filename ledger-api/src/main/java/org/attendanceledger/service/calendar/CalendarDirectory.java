package org.attendanceledger.service.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.calendar.api.CalendarEvent;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The write side's lookup of each school's calendar in force, per academic year. */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class CalendarDirectory {

    private static final TypeReference<List<Term>> TERMS = new TypeReference<>() { };
    private static final TypeReference<List<Closure>> CLOSURES = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Map<String, Versioned> parsed = new ConcurrentHashMap<>();

    public CalendarDirectory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The advisory-lock space of schools' calendars ("CALE" in ASCII), keyed by URN. */
    static final int CALENDAR_LOCKS = 0x43414C45;

    @EventHandler
    void on(CalendarEvent event, @SequenceNumber long sequenceNumber) throws JsonProcessingException {
        // Waits for registers that have checked their sessions against the calendar and not yet committed.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", CALENDAR_LOCKS, event.urn());
        jdbc.update("""
                INSERT INTO school_calendar (urn, academic_year, version, terms, closures)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (urn, academic_year)
                DO UPDATE SET version = EXCLUDED.version, terms = EXCLUDED.terms, closures = EXCLUDED.closures""",
                event.urn(), event.academicYear(), sequenceNumber + 1,
                json.writeValueAsString(event.terms()), json.writeValueAsString(event.closures()));
    }

    /**
     * Holds the school's calendars still for the rest of the calling transaction: a register checking its sessions
     * shares this lock, and a change of calendar takes it alone, so a session cannot be taken away between a
     * register's check and its commit (a register that waited reads the new calendar).
     */
    public void holdForRegister(String urn) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", CALENDAR_LOCKS, urn);
    }

    /**
     * The calendar in force. Parsed calendars are kept per version: checking the version is one small query, and a
     * calendar amended on another node simply has a new version.
     */
    public Optional<SchoolCalendar> find(String urn, AcademicYear year) {
        Optional<Long> version = version(urn, year);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        String key = urn + ":" + year;
        Versioned cached = parsed.get(key);
        if (cached != null && cached.version() == version.get()) {
            return Optional.of(cached.calendar());
        }
        Optional<Versioned> loaded = jdbc.query("""
                SELECT version, terms, closures FROM school_calendar WHERE urn = ? AND academic_year = ?""",
                (rs, i) -> new Versioned(rs.getLong("version"), new SchoolCalendar(year,
                        read(rs.getString("terms"), TERMS), read(rs.getString("closures"), CLOSURES))),
                urn, year.toString()).stream().findFirst();
        loaded.ifPresent(calendar -> parsed.put(key, calendar));
        return loaded.map(Versioned::calendar);
    }

    private record Versioned(long version, SchoolCalendar calendar) {
    }

    /** Every published year of the school as one timeline: school days and deadlines run across years. */
    public SchoolTimeline timeline(String urn) {
        List<String> years = jdbc.queryForList(
                "SELECT academic_year FROM school_calendar WHERE urn = ? ORDER BY academic_year", String.class, urn);
        return new SchoolTimeline(years.stream().map(AcademicYear::parse)
                .map(year -> find(urn, year).orElseThrow()).toList());
    }

    public Optional<Long> version(String urn, AcademicYear year) {
        return jdbc.query("SELECT version FROM school_calendar WHERE urn = ? AND academic_year = ?",
                (rs, i) -> rs.getLong(1), urn, year.toString()).stream().findFirst();
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored calendar is unreadable", e);
        }
    }
}
