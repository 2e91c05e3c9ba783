package org.attendanceledger.projections;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each school's calendars in force, as the projection knows them, laid end to end. */
@Component
public class SchoolTimelines {

    private static final SchoolTimeline NO_CALENDAR = new SchoolTimeline(List.of());

    private final JdbcTemplate jdbc;

    public SchoolTimelines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SchoolTimeline of(String urn) {
        return of(List.of(urn)).get(urn);
    }

    /** A timeline for every school asked for; a school without a published calendar has an empty one. */
    public Map<String, SchoolTimeline> of(Collection<String> urns) {
        Map<String, List<SchoolCalendar>> calendars = new HashMap<>();
        if (!urns.isEmpty()) {
            jdbc.query("""
                    SELECT DISTINCT ON (urn, academic_year) urn, academic_year, terms, closures
                    FROM projection_calendar WHERE urn = ANY (?)
                    ORDER BY urn, academic_year, version DESC""",
                    rs -> {
                        calendars.computeIfAbsent(rs.getString("urn"), k -> new ArrayList<>()).add(new SchoolCalendar(
                                AcademicYear.parse(rs.getString("academic_year")),
                                CalendarJson.readTerms(rs.getString("terms")),
                                CalendarJson.readClosures(rs.getString("closures"))));
                    },
                    (Object) urns.toArray(String[]::new));
        }
        Map<String, SchoolTimeline> timelines = new HashMap<>();
        for (String urn : urns) {
            List<SchoolCalendar> found = calendars.get(urn);
            timelines.put(urn, found == null ? NO_CALENDAR : new SchoolTimeline(found));
        }
        return timelines;
    }
}
