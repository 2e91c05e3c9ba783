package org.attendanceledger.projections.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.penalty.ThresholdAssessment;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.PupilSchedules;
import org.attendanceledger.projections.SchoolTimelines;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The penalty-notice threshold over the current register (the corrected view): for one pupil, and for every pupil of a
 * set of schools who met it in a period. Only the G/N/O/U marks that can fall in a window of the period are read; the
 * rule itself decides.
 */
@Component
public class PenaltyThresholdQuery {

    private final JdbcTemplate jdbc;
    private final PupilSchedules schedules;
    private final SchoolTimelines timelines;
    private final PenaltyThresholdRule rule;

    public PenaltyThresholdQuery(JdbcTemplate jdbc, PupilSchedules schedules, SchoolTimelines timelines,
                                 PenaltyThresholdRule rule) {
        this.jdbc = jdbc;
        this.schedules = schedules;
        this.timelines = timelines;
        this.rule = rule;
    }

    public ThresholdAssessment forPupil(PupilKey pupil, LocalDate from, LocalDate to) {
        PupilSchedule schedule = schedules.of(pupil);
        LocalDate earliest = earliestCounted(List.of(schedule.timeline()), from);
        List<SessionMark> marks = jdbc.query("""
                SELECT session_date, session, code FROM projection_current_mark
                WHERE urn = ? AND upn = ? AND session_date BETWEEN ? AND ? AND penalty_code AND scheduled""",
                (rs, i) -> new SessionMark(rs.getObject("session_date", LocalDate.class),
                        Session.valueOf(rs.getString("session")), rs.getString("code")),
                pupil.urn(), pupil.upn(), earliest, to);
        return rule.assess(schedule, marks, from, to);
    }

    /**
     * Every pupil of the schools whose threshold was met at some session in the period, by school and pupil. Only the
     * pupils with a mark whose stored count reached the threshold in the stretch the period's windows cover can have
     * met it (see {@link PenaltyThresholdRule#countsAtMarks}); the rule then decides for each of them.
     */
    public List<PupilThreshold> metAt(Collection<String> urns, LocalDate from, LocalDate to) {
        if (urns.isEmpty()) {
            return List.of();
        }
        LocalDate earliest = earliestCounted(timelines.of(urns).values(), from);
        List<PupilKey> candidates = jdbc.query("""
                SELECT DISTINCT urn, upn FROM projection_threshold_count
                WHERE urn = ANY (?) AND session_date BETWEEN ? AND ? AND window_count >= ?
                ORDER BY urn, upn""",
                (rs, i) -> new PupilKey(rs.getString("urn"), rs.getString("upn")),
                urns.toArray(String[]::new), earliest, to, rule.sessionsToMeet());
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<PupilKey, List<SessionMark>> marks = new HashMap<>();
        jdbc.query("""
                SELECT m.urn, m.upn, m.session_date, m.session, m.code
                FROM projection_current_mark m
                JOIN unnest(?::varchar[], ?::varchar[]) AS candidate (urn, upn)
                  ON m.urn = candidate.urn AND m.upn = candidate.upn
                WHERE m.session_date BETWEEN ? AND ? AND m.penalty_code AND m.scheduled""",
                rs -> {
                    marks.computeIfAbsent(new PupilKey(rs.getString("urn"), rs.getString("upn")),
                            k -> new ArrayList<>()).add(new SessionMark(rs.getObject("session_date", LocalDate.class),
                            Session.valueOf(rs.getString("session")), rs.getString("code")));
                },
                candidates.stream().map(PupilKey::urn).toArray(String[]::new),
                candidates.stream().map(PupilKey::upn).toArray(String[]::new), earliest, to);
        Map<PupilKey, PupilSchedule> candidateSchedules = schedules.of(candidates);
        List<PupilThreshold> met = new ArrayList<>();
        for (PupilKey pupil : candidates) {
            ThresholdAssessment assessment = rule.assess(candidateSchedules.get(pupil),
                    marks.getOrDefault(pupil, List.of()), from, to);
            if (assessment.met()) {
                met.add(new PupilThreshold(pupil, assessment));
            }
        }
        return met;
    }

    /** The earliest date a counted mark can have for any of the schools, and never before the rule counts from. */
    private LocalDate earliestCounted(Collection<SchoolTimeline> schoolTimelines, LocalDate from) {
        LocalDate earliest = from;
        for (SchoolTimeline timeline : schoolTimelines) {
            LocalDate windowStart = rule.earliestCountedDate(timeline, from);
            if (windowStart.isBefore(earliest)) {
                earliest = windowStart;
            }
        }
        return earliest.isBefore(rule.countsFrom()) ? rule.countsFrom() : earliest;
    }
}
