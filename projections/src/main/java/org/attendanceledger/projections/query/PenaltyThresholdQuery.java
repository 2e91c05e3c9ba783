package org.attendanceledger.projections.query;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.penalty.PenaltyThresholdRule.MarkAtThreshold;
import org.attendanceledger.penalty.ThresholdAssessment;
import org.attendanceledger.penalty.ThresholdWindow;
import org.attendanceledger.projections.EvidenceJson;
import org.attendanceledger.projections.KnownAt;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.PupilSchedules;
import org.attendanceledger.projections.SchoolTimelines;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The penalty-notice threshold over the current register (the corrected view), now or as known at an instant: for one
 * pupil from the G/N/O/U marks that can fall in a window of the period, and for every pupil of a set of schools who met
 * it in a period from the marks at or over the threshold the projection stores. The rule itself decides both.
 */
@Component
public class PenaltyThresholdQuery {

    private static final Comparator<PupilKey> BY_SCHOOL_AND_PUPIL =
            Comparator.comparing(PupilKey::urn).thenComparing(PupilKey::upn);

    /**
     * The stored marks at or over the threshold that decide the queue (see
     * {@link PenaltyThresholdRule#metAfterFirstSession}), from {@code earliest} to {@code to}: every breach (the rows
     * with evidence, V410), the other rows up to the latest first school session of the period among the schools (the
     * cut), and for each pupil with a breach one of the other rows after the cut with the highest count. Each part is
     * an indexed read (V480): the breaches by school and date, the rows up to the cut likewise, and the highest per
     * pupil by a probe of the pupil's rows in count order. The other rows above the threshold, most of them, change no
     * answer; grouping all of them by pupil for the highest count was half of the read's time at 20,000 pupils.
     * {@code %1$s} is which versions: {@link #NOW} or {@link #AS_KNOWN} (every part names the table {@code b}).
     */
    private static final String DECISIVE_MARKS_AT_THRESHOLD = """
            WITH breaches AS (
                SELECT b.urn, b.upn, b.session_date, b.session, b.code, b.window_count, b.window_start, b.window_end,
                       b.sessions
                FROM projection_threshold_breach b
                WHERE b.urn = ANY (?) AND b.session_date BETWEEN ? AND ? AND b.sessions IS NOT NULL AND %1$s)
            SELECT * FROM breaches
            UNION ALL
            SELECT b.urn, b.upn, b.session_date, b.session, b.code, b.window_count, b.window_start, b.window_end,
                   b.sessions
            FROM projection_threshold_breach b
            WHERE b.urn = ANY (?) AND b.session_date BETWEEN ? AND ? AND b.sessions IS NULL AND %1$s
            UNION ALL
            SELECT highest.* FROM (SELECT DISTINCT urn, upn FROM breaches) pupil CROSS JOIN LATERAL (
                SELECT b.urn, b.upn, b.session_date, b.session, b.code, b.window_count, b.window_start, b.window_end,
                       b.sessions
                FROM projection_threshold_breach b
                WHERE b.urn = pupil.urn AND b.upn = pupil.upn AND b.session_date > ? AND b.session_date <= ?
                  AND b.sessions IS NULL AND %1$s
                ORDER BY b.window_count DESC LIMIT 1) highest""";
    private static final String NOW = "b.known_until IS NULL";
    private static final String AS_KNOWN = "b.known_from <= ? AND (b.known_until IS NULL OR b.known_until > ?)";

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
     * Every pupil of the schools whose threshold was met in the period, as the ledger knew it at an instant (null:
     * now), by school and pupil. One indexed read of the stored marks at or over the threshold (the breaches and the
     * marks after them, kept bitemporally by the projection) in the stretch the period's windows cover decides almost
     * every pupil: {@link PenaltyThresholdRule#metAfterFirstSession}. Only a pupil whose count may already be at the
     * threshold when the period begins is assessed by the rule from the marks, as every pupil once was.
     */
    public List<PupilThreshold> metAt(Collection<String> urns, LocalDate from, LocalDate to, Instant knownAt) {
        if (urns.isEmpty()) {
            return List.of();
        }
        Map<String, SchoolTimeline> schoolTimelines = timelines.of(urns, knownAt);
        LocalDate earliest = earliestCounted(schoolTimelines.values(), from);
        Map<PupilKey, ThresholdAssessment> met = new TreeMap<>(BY_SCHOOL_AND_PUPIL);
        List<PupilKey> metOnlyTheMarksCanTell = new ArrayList<>();
        DecisiveRows decisive = marksAtThreshold(urns, earliest, to,
                latestFirstSession(schoolTimelines.values(), from, to), knownAt);
        decisive.byPupil().forEach((pupil, atThreshold) -> {
            SchoolTimeline timeline = schoolTimelines.get(pupil.urn());
            if (rule.mayBeMetAtFirstSession(timeline, atThreshold, from, to)) {
                metOnlyTheMarksCanTell.add(pupil);
            } else {
                rule.metAfterFirstSession(timeline, atThreshold, from, to)
                        .ifPresent(assessment -> met.put(pupil, decisive.withEvidence(pupil, assessment)));
            }
        });
        if (!metOnlyTheMarksCanTell.isEmpty()) {
            Map<PupilKey, PupilSchedule> candidateSchedules = schedules.of(metOnlyTheMarksCanTell, knownAt);
            Map<PupilKey, List<SessionMark>> marks = knownAt == null
                    ? currentThresholdMarks(metOnlyTheMarksCanTell, earliest, to)
                    : knownMarks.ofPupils(metOnlyTheMarksCanTell, earliest, to, knownAt);
            for (PupilKey pupil : metOnlyTheMarksCanTell) {
                ThresholdAssessment assessment = rule.assess(candidateSchedules.get(pupil),
                        marks.getOrDefault(pupil, List.of()), from, to);
                if (assessment.met()) {
                    met.put(pupil, assessment);
                }
            }
        }
        List<PupilThreshold> queue = new ArrayList<>(met.size());
        met.forEach((pupil, assessment) -> queue.add(new PupilThreshold(pupil, assessment)));
        return queue;
    }

    /**
     * The schools' stored marks at or over the threshold dated from {@code earliest} to {@code to} that decide the queue
     * for a period whose latest first school session among the schools is {@code cut}, as known at the instant (null:
     * now), by pupil, each pupil's in session order.
     * The row versions that hold at an instant are those known from it or before and not yet closed.
     */
    private DecisiveRows marksAtThreshold(Collection<String> urns, LocalDate earliest, LocalDate to, LocalDate cut,
                                          Instant knownAt) {
        DecisiveRows rows = new DecisiveRows(new HashMap<>(), new HashMap<>());
        // By column position, in the SELECT's order: a name look-up per column and row showed in the profile.
        RowCallbackHandler collect = rs -> {
            PupilKey pupil = new PupilKey(rs.getString(1), rs.getString(2));
            SessionMark mark = new SessionMark(rs.getObject(3, LocalDate.class), Session.valueOf(rs.getString(4)),
                    rs.getString(5));
            rows.byPupil().computeIfAbsent(pupil, k -> new ArrayList<>()).add(new MarkAtThreshold(mark, rs.getInt(6),
                    new ThresholdWindow(rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class)),
                    List.of()));
            String evidence = rs.getString(9);
            if (evidence != null) {
                rows.evidence().computeIfAbsent(pupil, k -> new HashMap<>()).put(mark.slot(), evidence);
            }
        };
        String[] schools = urns.toArray(String[]::new);
        List<Object> arguments = new ArrayList<>();
        // Each part's own arguments, then the instant twice for the part's versions when read as known at it.
        Object instant = KnownAt.timestamp(knownAt);
        Object[] versions = knownAt == null ? new Object[0] : new Object[] {instant, instant};
        for (Object[] part : List.of(new Object[] {schools, earliest, to}, new Object[] {schools, earliest, cut},
                new Object[] {cut, to})) {
            arguments.addAll(List.of(part));
            arguments.addAll(List.of(versions));
        }
        String sql = DECISIVE_MARKS_AT_THRESHOLD.formatted(knownAt == null ? NOW : AS_KNOWN);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            // Planned for each request's schools and dates, whose rows per part differ by orders of magnitude between
            // one school and an LA, a week and a year: a server-side prepared statement may settle on a generic plan
            // costed for any values (for this stop's earlier form of the read it was a third slower: README "LA queue
            // from stored breaches").
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            new ArgumentPreparedStatementSetter(arguments.toArray()).setValues(statement);
            return statement;
        }, collect);
        // Each pupil's rows in session order, which is all the rule needs, sorted here: the queue is ordered by school
        // and pupil later, and an ORDER BY in the read (school and pupil under the database's linguistic collation)
        // was two thirds of its time in PostgreSQL.
        rows.byPupil().values().forEach(marks -> marks.sort(Comparator.comparing(MarkAtThreshold::slot)));
        return rows;
    }

    /**
     * The decisive rows of each pupil, in session order, and the evidence stored with each breach among them. The rule
     * needs the rows' counts and sessions to name a pupil's breach; only that breach's evidence is answered, so only
     * it is parsed (parsing every breach's was a third of the queue's time in the service at 20,000 pupils: 5,899
     * breaches for 2,082 pupils).
     */
    private record DecisiveRows(Map<PupilKey, List<MarkAtThreshold>> byPupil,
                                Map<PupilKey, Map<SessionSlot, String>> evidence) {

        ThresholdAssessment withEvidence(PupilKey pupil, ThresholdAssessment assessment) {
            String stored = evidence.getOrDefault(pupil, Map.of()).get(assessment.breachAt());
            if (stored == null) {
                throw new IllegalStateException("no evidence stored with the breach of " + pupil + " at "
                        + assessment.breachAt());
            }
            return new ThresholdAssessment(assessment.firstMetAt(), assessment.breachAt(), assessment.window(),
                    EvidenceJson.read(stored), assessment.maxCountInAnyWindow());
        }
    }

    /** The latest first school session of the period among the schools (before {@code from} when none has one). */
    private static LocalDate latestFirstSession(Collection<SchoolTimeline> schoolTimelines, LocalDate from,
                                                LocalDate to) {
        LocalDate latest = from.minusDays(1);
        for (SchoolTimeline timeline : schoolTimelines) {
            LocalDate first = timeline.firstSchoolSession(from, to).map(SessionSlot::date).orElse(latest);
            if (first.isAfter(latest)) {
                latest = first;
            }
        }
        return latest;
    }

    /** The current scheduled G/N/O/U marks of the pupils between two dates, by pupil. */
    private Map<PupilKey, List<SessionMark>> currentThresholdMarks(Collection<PupilKey> pupils, LocalDate from,
                                                                  LocalDate to) {
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
                pupils.stream().map(PupilKey::urn).toArray(String[]::new),
                pupils.stream().map(PupilKey::upn).toArray(String[]::new), from, to);
        return marks;
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
