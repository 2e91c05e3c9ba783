package org.attendanceledger.projections.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.NMarkDeadline;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.projections.SchoolTimelines;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The N marks of a set of schools still reading N after their deadline (rules 4), each deadline counted in school days
 * of the mark's own school. An N whose deadline lies beyond the published calendars is not yet overdue. Only marks on
 * sessions the pupil is expected at count (inside a stay on roll, on a session the calendar still has for the pupil's
 * year group): the overdue list and the automatic conversion both read this one query, so they always agree.
 */
@Component
public class OverdueNQuery {

    private final JdbcTemplate jdbc;
    private final SchoolTimelines timelines;
    private final NMarkDeadline deadlineRule;

    public OverdueNQuery(JdbcTemplate jdbc, SchoolTimelines timelines, NMarkDeadline deadlineRule) {
        this.jdbc = jdbc;
        this.timelines = timelines;
        this.deadlineRule = deadlineRule;
    }

    /** In order of school, session and pupil. */
    public List<OverdueN> asOf(Collection<String> urns, LocalDate asOf) {
        return withVersions(urns, asOf).stream().map(OverdueMark::mark).toList();
    }

    /** An overdue N with the version of its register entry that reads N, as an amendment of it must name. */
    public record OverdueMark(OverdueN mark, long version) {
    }

    /** The same marks as {@link #asOf}, each with its entry's current version. */
    public List<OverdueMark> withVersions(Collection<String> urns, LocalDate asOf) {
        if (urns.isEmpty()) {
            return List.of();
        }
        Map<String, SchoolTimeline> timelineBySchool = timelines.of(urns);
        List<OverdueMark> overdue = new ArrayList<>();
        // A mark on or after asOf cannot have a deadline before it.
        jdbc.query("""
                SELECT urn, upn, session_date, session, version FROM projection_current_mark
                WHERE urn = ANY (?) AND session_date < ? AND code = 'N' AND scheduled
                ORDER BY urn, session_date, session, upn""",
                rs -> {
                    String urn = rs.getString("urn");
                    String upn = rs.getString("upn");
                    LocalDate date = rs.getObject("session_date", LocalDate.class);
                    Session session = Session.valueOf(rs.getString("session"));
                    long version = rs.getLong("version");
                    deadlineRule.deadline(timelineBySchool.get(urn), date)
                            .filter(deadline -> NMarkDeadline.isOverdue(deadline, asOf))
                            .ifPresent(deadline -> overdue.add(new OverdueMark(
                                    new OverdueN(urn, upn, date, session, deadline), version)));
                },
                urns.toArray(String[]::new), asOf);
        return overdue;
    }
}
