package org.attendanceledger.projections.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.NMarkDeadline;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.TextLimits;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.PupilSchedules;
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

    private static final String N = "N";

    private final JdbcTemplate jdbc;
    private final SchoolTimelines timelines;
    private final NMarkDeadline deadlineRule;
    private final KnownMarks knownMarks;
    private final PupilSchedules schedules;

    public OverdueNQuery(JdbcTemplate jdbc, SchoolTimelines timelines, NMarkDeadline deadlineRule,
                         KnownMarks knownMarks, PupilSchedules schedules) {
        this.jdbc = jdbc;
        this.timelines = timelines;
        this.deadlineRule = deadlineRule;
        this.knownMarks = knownMarks;
        this.schedules = schedules;
    }

    /** In order of school, session and pupil. */
    public List<OverdueN> asOf(Collection<String> urns, LocalDate asOf) {
        return withVersions(urns, asOf).stream().map(OverdueMark::mark).toList();
    }

    /**
     * The list as the ledger knew it at an instant (null: now): the N marks, calendars and stays received by then,
     * each deadline counted under the calendars of then.
     */
    public List<OverdueN> asOf(Collection<String> urns, LocalDate asOf, Instant knownAt) {
        if (knownAt == null) {
            return asOf(urns, asOf);
        }
        if (urns.isEmpty()) {
            return List.of();
        }
        Map<String, SchoolTimeline> timelineBySchool = timelines.of(urns, knownAt);
        Map<PupilKey, List<SessionMark>> openN = new HashMap<>();
        knownMarks.ofSchools(urns, TextLimits.EARLIEST_DATE, asOf.minusDays(1), knownAt).forEach((pupil, marks) -> {
            List<SessionMark> n = marks.stream().filter(mark -> N.equals(mark.code())).toList();
            if (!n.isEmpty()) {
                openN.put(pupil, n);
            }
        });
        Map<PupilKey, PupilSchedule> pupilSchedules = schedules.of(openN.keySet(), knownAt);
        List<OverdueN> overdue = new ArrayList<>();
        openN.forEach((pupil, marks) -> marks.stream()
                .filter(mark -> pupilSchedules.get(pupil).isScheduled(mark.date(), mark.session()))
                .forEach(mark -> deadlineRule.deadline(timelineBySchool.get(pupil.urn()), mark.date())
                        .filter(deadline -> NMarkDeadline.isOverdue(deadline, asOf))
                        .ifPresent(deadline -> overdue.add(new OverdueN(pupil.urn(), pupil.upn(), mark.date(),
                                mark.session(), deadline)))));
        overdue.sort(Comparator.comparing(OverdueN::urn).thenComparing(OverdueN::date)
                .thenComparing(OverdueN::session).thenComparing(OverdueN::upn));
        return overdue;
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
