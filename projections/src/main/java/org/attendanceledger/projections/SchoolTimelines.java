package org.attendanceledger.projections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each school's calendars in force, as the projection knows them, laid end to end.
 *
 * <p>A calendar version never changes once stored (version n of a school's year is the n-th event of that calendar's
 * stream), so parsed calendars are kept by version: each batch and each read then asks the database only which
 * versions are in force.
 */
@Component
public class SchoolTimelines {

    /** About a large LA's schools over three years; a calendar is a few hundred sessions. */
    private static final int CACHED_CALENDARS = 2_000;
    private static final SchoolTimeline NO_CALENDAR = new SchoolTimeline(List.of());

    private final JdbcTemplate jdbc;
    private final Map<CalendarVersion, SchoolCalendar> parsed = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CalendarVersion, SchoolCalendar> eldest) {
                    return size() > CACHED_CALENDARS;
                }
            });

    private record CalendarVersion(String urn, String academicYear, int version) {
    }

    public SchoolTimelines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SchoolTimeline of(String urn) {
        return of(List.of(urn)).get(urn);
    }

    /** A timeline for every school asked for; a school without a published calendar has an empty one. */
    public Map<String, SchoolTimeline> of(Collection<String> urns) {
        return of(urns, null);
    }

    /**
     * The timelines as the ledger knew them at an instant (null: now): each year's highest calendar version received
     * by then, so a calendar amended later replays as it was.
     */
    public Map<String, SchoolTimeline> of(Collection<String> urns, Instant knownAt) {
        Map<String, List<SchoolCalendar>> calendars = new HashMap<>();
        for (CalendarVersion inForce : versionsInForce(urns, knownAt)) {
            calendars.computeIfAbsent(inForce.urn(), k -> new ArrayList<>()).add(calendar(inForce));
        }
        Map<String, SchoolTimeline> timelines = new HashMap<>();
        for (String urn : urns) {
            List<SchoolCalendar> found = calendars.get(urn);
            timelines.put(urn, found == null ? NO_CALENDAR : new SchoolTimeline(found));
        }
        return timelines;
    }

    private List<CalendarVersion> versionsInForce(Collection<String> urns, Instant knownAt) {
        if (urns.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT urn, academic_year, max(version) AS version FROM projection_calendar
                WHERE urn = ANY (?) AND (?::timestamptz IS NULL OR received_at <= ?::timestamptz)
                GROUP BY urn, academic_year""",
                (rs, i) -> new CalendarVersion(rs.getString("urn"), rs.getString("academic_year"),
                        rs.getInt("version")),
                urns.toArray(String[]::new), KnownAt.timestamp(knownAt), KnownAt.timestamp(knownAt));
    }

    private SchoolCalendar calendar(CalendarVersion version) {
        SchoolCalendar calendar = parsed.get(version);
        if (calendar == null) {
            calendar = jdbc.queryForObject("""
                    SELECT terms, closures FROM projection_calendar
                    WHERE urn = ? AND academic_year = ? AND version = ?""",
                    (rs, i) -> new SchoolCalendar(AcademicYear.parse(version.academicYear()),
                            CalendarJson.readTerms(rs.getString("terms")),
                            CalendarJson.readClosures(rs.getString("closures"))),
                    version.urn(), version.academicYear(), version.version());
            parsed.put(version, calendar);
        }
        return calendar;
    }
}
