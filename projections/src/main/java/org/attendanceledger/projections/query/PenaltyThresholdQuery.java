package org.attendanceledger.projections.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.catalogue.AttendanceCode;
import org.attendanceledger.catalogue.CodeCatalogue;
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

    private static final Comparator<PupilKey> BY_SCHOOL_AND_PUPIL =
            Comparator.comparing(PupilKey::urn).thenComparing(PupilKey::upn);

    private final JdbcTemplate jdbc;
    private final PupilSchedules schedules;
    private final SchoolTimelines timelines;
    private final PenaltyThresholdRule rule;
    private final KnownMarks knownMarks;

    public PenaltyThresholdQuery(JdbcTemplate jdbc, PupilSchedules schedules, SchoolTimelines timelines,
                                 PenaltyThresholdRule rule, KnownMarks knownMarks) {
        this.jdbc = jdbc;
        this.schedules = schedules;
        this.timelines = timelines;
        this.rule = rule;
        this.knownMarks = knownMarks;
    }

    /** The threshold as the ledger knew it at an instant (null: now), under the same rule. */
    public ThresholdAssessment forPupil(PupilKey pupil, LocalDate from, LocalDate to, Instant knownAt) {
        if (knownAt == null) {
            return forPupil(pupil, from, to);
        }
        PupilSchedule schedule = schedules.of(pupil, knownAt);
        LocalDate earliest = earliestCounted(List.of(schedule.timeline()), from);
        return rule.assess(schedule, knownMarks.ofPupil(pupil, earliest, to, knownAt), from, to);
    }

    /**
     * Every pupil of the schools whose threshold was met in the period as the ledger knew it at an instant: each
     * pupil's register, calendars and stays as they were received by then, assessed by the same rule. The pupils with
     * ten or more G, N, O or U marks known in the stretch are the only ones who can have met it.
     */
    public List<PupilThreshold> metAt(Collection<String> urns, LocalDate from, LocalDate to, Instant knownAt) {
        if (knownAt == null) {
            return metAt(urns, from, to);
        }
        if (urns.isEmpty()) {
            return List.of();
        }
        LocalDate earliest = earliestCounted(timelines.of(urns, knownAt).values(), from);
        Map<PupilKey, List<SessionMark>> penaltyMarks = new HashMap<>();
        knownMarks.ofSchools(urns, earliest, to, knownAt).forEach((pupil, marks) -> {
            List<SessionMark> counted = marks.stream().filter(PenaltyThresholdQuery::isThresholdCode).toList();
            if (counted.size() >= rule.sessionsToMeet()) {
                penaltyMarks.put(pupil, counted);
            }
        });
        Map<PupilKey, PupilSchedule> candidateSchedules = schedules.of(penaltyMarks.keySet(), knownAt);
        List<PupilThreshold> met = new ArrayList<>();
        penaltyMarks.keySet().stream().sorted(BY_SCHOOL_AND_PUPIL).forEach(pupil -> {
            ThresholdAssessment assessment = rule.assess(candidateSchedules.get(pupil), penaltyMarks.get(pupil),
                    from, to);
            if (assessment.met()) {
                met.add(new PupilThreshold(pupil, assessment));
            }
        });
        return met;
    }

    /** A code the threshold counts on its date (the rule then also asks that the session be scheduled). */
    private static boolean isThresholdCode(SessionMark mark) {
        return CodeCatalogue.national().lookup(mark.code(), mark.date())
                .map(AttendanceCode::countsTowardsPenaltyThreshold).orElse(false);
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
