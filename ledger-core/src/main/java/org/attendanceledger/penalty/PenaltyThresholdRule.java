package org.attendanceledger.penalty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.catalogue.AttendanceCode;
import org.attendanceledger.catalogue.CodeCatalogue;

/**
 * The National Framework's penalty-notice threshold (rules 7.1): a number of sessions of G, N, O or U within a
 * rolling number of school weeks of the pupil's school, 10 and 10 nationally.
 *
 * <p>For every school session in the period, the pupil's current threshold marks are counted in the window of school
 * weeks ending with that session's week, up to and including that session. Weeks without a school session (holidays)
 * are skipped, so a window spans half terms, terms and school years. The window is measured on the school's
 * calendar, not the pupil's: weeks before the pupil joined still count as weeks. Marks dated before
 * {@code countsFrom} never count, because the framework took effect on 19 Aug 2024 (rules 7.1.5, [OPEN]).
 */
public record PenaltyThresholdRule(int sessionsToMeet, int windowSchoolWeeks, LocalDate countsFrom) {

    public static final LocalDate NATIONAL_FRAMEWORK_START = LocalDate.of(2024, 8, 19);
    private static final Comparator<SessionMark> CHRONOLOGICAL = Comparator.comparing(SessionMark::slot);

    public PenaltyThresholdRule {
        Objects.requireNonNull(countsFrom, "countsFrom");
        if (sessionsToMeet < 1 || windowSchoolWeeks < 1) {
            throw new IllegalArgumentException("the threshold needs at least one session and one week");
        }
    }

    /** 10 sessions in 10 school weeks, counting marks from the framework's start. */
    public static PenaltyThresholdRule national() {
        return new PenaltyThresholdRule(10, 10, NATIONAL_FRAMEWORK_START);
    }

    public PenaltyThresholdRule countingFrom(LocalDate date) {
        return new PenaltyThresholdRule(sessionsToMeet, windowSchoolWeeks, date);
    }

    /** Whether the mark is one the threshold counts: a scheduled G, N, O or U dated on or after {@code countsFrom}. */
    public boolean counts(SessionMark mark, PupilSchedule schedule) {
        if (mark.date().isBefore(countsFrom) || !schedule.isScheduled(mark.date(), mark.session())) {
            return false;
        }
        return CodeCatalogue.national().lookup(mark.code(), mark.date())
                .map(AttendanceCode::countsTowardsPenaltyThreshold)
                .orElse(false);
    }

    /**
     * The earliest date whose marks can count for a session on or after {@code from}: the Monday of the first week
     * of the window ending with the first school week at or after {@code from}.
     */
    public LocalDate earliestCountedDate(SchoolTimeline timeline, LocalDate from) {
        List<LocalDate> weeks = timeline.schoolWeeks();
        LocalDate fromWeek = SchoolTimeline.weekStart(from);
        for (int index = 0; index < weeks.size(); index++) {
            if (!weeks.get(index).isBefore(fromWeek)) {
                return weeks.get(Math.max(0, index - (windowSchoolWeeks - 1)));
            }
        }
        return from;
    }

    public ThresholdAssessment assess(PupilSchedule schedule, Collection<SessionMark> marks,
                                      LocalDate from, LocalDate to) {
        SchoolTimeline timeline = schedule.timeline();
        List<SessionMark> counted = countedInOrder(schedule, marks);
        int highest = 0;
        SessionSlot firstMetAt = null;
        ThresholdWindow window = null;
        List<SessionMark> evidence = List.of();
        for (SessionSlot session : sessionsWhereTheCountMayPeak(timeline, counted, from, to)) {
            ThresholdWindow endingHere = windowEndingWith(timeline, session.date());
            int first = firstAtOrAfter(counted, new SessionSlot(endingHere.firstSchoolWeek(), Session.AM));
            int afterLast = firstAfter(counted, session);
            int count = afterLast - first;
            highest = Math.max(highest, count);
            if (firstMetAt == null && count >= sessionsToMeet) {
                firstMetAt = session;
                window = endingHere;
                evidence = counted.subList(first, afterLast);
            }
        }
        // The counted marks of the window up to firstMetAt are in order: the count reached the threshold at the n-th.
        SessionSlot breachAt = firstMetAt == null ? null : evidence.get(sessionsToMeet - 1).slot();
        return new ThresholdAssessment(firstMetAt, breachAt, window, evidence, highest);
    }

    /** A mark the threshold counts, with the count of the window ending with its week, up to and including it. */
    public record CountAtMark(SessionMark mark, int count) {
    }

    /**
     * The count at every mark the threshold counts. The count first reaches the threshold, and peaks, either at such
     * a mark or at the first session of a period, where it is never higher than at the last counted mark before it;
     * so a pupil can have met the threshold in a period only if some counted mark from
     * {@link #earliestCountedDate} to the end of the period has a count at or above it.
     */
    public List<CountAtMark> countsAtMarks(PupilSchedule schedule, Collection<SessionMark> marks) {
        SchoolTimeline timeline = schedule.timeline();
        List<SessionMark> counted = countedInOrder(schedule, marks);
        List<CountAtMark> counts = new ArrayList<>(counted.size());
        for (int index = 0; index < counted.size(); index++) {
            SessionMark mark = counted.get(index);
            LocalDate windowStart = windowEndingWith(timeline, mark.date()).firstSchoolWeek();
            int firstInWindow = firstAtOrAfter(counted, new SessionSlot(windowStart, Session.AM));
            counts.add(new CountAtMark(mark, index + 1 - firstInWindow));
        }
        return counts;
    }

    /**
     * A counted mark at which the window ending with its week holds the threshold or more, up to and including it.
     * When {@code count} equals the threshold, the mark is a breach (rules 7.1(3)): its arrival made that window's
     * count reach the threshold, and {@code sessions} are the window's counted marks up to it (the evidence, ending
     * with the mark itself); above the threshold {@code sessions} is empty.
     */
    public record MarkAtThreshold(SessionMark mark, int count, ThresholdWindow window, List<SessionMark> sessions) {

        public MarkAtThreshold {
            sessions = List.copyOf(sessions);
        }

        public SessionSlot slot() {
            return mark.slot();
        }
    }

    /**
     * Every counted mark whose count (as {@link #countsAtMarks}) is at or above the threshold, in order. A count rises
     * only at a counted mark and by one, so each run of sessions at or over the threshold starts at a breach: a mark
     * whose count equals the threshold. These marks are what {@link #metAfterFirstSession} needs.
     */
    public List<MarkAtThreshold> marksAtThreshold(PupilSchedule schedule, Collection<SessionMark> marks) {
        SchoolTimeline timeline = schedule.timeline();
        List<SessionMark> counted = countedInOrder(schedule, marks);
        List<MarkAtThreshold> atThreshold = new ArrayList<>();
        for (int index = 0; index < counted.size(); index++) {
            SessionMark mark = counted.get(index);
            ThresholdWindow window = windowEndingWith(timeline, mark.date());
            int firstInWindow = firstAtOrAfter(counted, new SessionSlot(window.firstSchoolWeek(), Session.AM));
            int count = index + 1 - firstInWindow;
            if (count >= sessionsToMeet) {
                List<SessionMark> evidence = count == sessionsToMeet
                        ? counted.subList(firstInWindow, index + 1) : List.of();
                atThreshold.add(new MarkAtThreshold(mark, count, window, evidence));
            }
        }
        return atThreshold;
    }

    /**
     * Whether the count may already be at or over the threshold at the first school session of {@code [from, to]}.
     * The count there is never higher than at the last counted mark before it in its window, so it can be only if one
     * of the marks at the threshold lies from {@link #earliestCountedDate} to that session. Then only the marks
     * themselves decide ({@link #assess}); otherwise {@link #metAfterFirstSession} does, from these marks alone.
     */
    public boolean mayBeMetAtFirstSession(SchoolTimeline timeline, List<MarkAtThreshold> atThreshold,
                                          LocalDate from, LocalDate to) {
        Optional<SessionSlot> first = timeline.firstSchoolSession(from, to);
        if (first.isEmpty()) {
            return false;
        }
        SessionSlot earliest = new SessionSlot(earliestCountedDate(timeline, from), Session.AM);
        return atThreshold.stream().anyMatch(mark ->
                mark.slot().compareTo(earliest) >= 0 && mark.slot().compareTo(first.get()) <= 0);
    }

    /**
     * The same assessment as {@link #assess}, for a period at whose first school session the count is below the
     * threshold ({@link #mayBeMetAtFirstSession} is false), from the pupil's marks at the threshold alone (in order);
     * empty when the threshold was not met. The count then first reaches the threshold at a later counted mark, which
     * is a breach: both {@code firstMetAt} and {@code breachAt} are that mark, its window and evidence are the
     * breach's, and the highest count of the period is the highest count at a mark of the period, which is at or over
     * the threshold.
     *
     * <p>So only some of the marks decide both this answer and {@link #mayBeMetAtFirstSession}: those dated up to the
     * period's first school session, the breaches, and one with the highest count among those dated in the period. A
     * caller may pass only those (any superset of them, in order) and gets the same answers; the LA queue reads no
     * more from the store.
     */
    public Optional<ThresholdAssessment> metAfterFirstSession(SchoolTimeline timeline,
                                                              List<MarkAtThreshold> atThreshold,
                                                              LocalDate from, LocalDate to) {
        Optional<SessionSlot> first = timeline.firstSchoolSession(from, to);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        MarkAtThreshold breach = null;
        int highest = 0;
        for (MarkAtThreshold mark : atThreshold) {
            if (mark.slot().compareTo(first.get()) > 0 && !mark.mark().date().isAfter(to)) {
                if (breach == null) {
                    if (mark.count() != sessionsToMeet) {
                        throw new IllegalStateException("the count at " + first.get() + " may already be at the"
                                + " threshold: only the marks decide (see mayBeMetAtFirstSession)");
                    }
                    breach = mark;
                }
                highest = Math.max(highest, mark.count());
            }
        }
        if (breach == null) {
            return Optional.empty();
        }
        return Optional.of(new ThresholdAssessment(breach.slot(), breach.slot(), breach.window(), breach.sessions(),
                highest));
    }

    private List<SessionMark> countedInOrder(PupilSchedule schedule, Collection<SessionMark> marks) {
        List<SessionMark> counted = new ArrayList<>();
        for (SessionMark mark : marks) {
            if (counts(mark, schedule)) {
                counted.add(mark);
            }
        }
        counted.sort(CHRONOLOGICAL);
        return counted;
    }

    /** The window of school weeks ending with the school week of a date on which the school meets. */
    private ThresholdWindow windowEndingWith(SchoolTimeline timeline, LocalDate schoolDay) {
        List<LocalDate> weeks = timeline.schoolWeeks();
        int week = timeline.schoolWeekIndex(schoolDay).orElseThrow();
        return new ThresholdWindow(weeks.get(Math.max(0, week - (windowSchoolWeeks - 1))), weeks.get(week));
    }

    /**
     * The count at a session covers the counted marks from the start of its window up to that session, so from one
     * session to the next it rises only at a counted mark, and otherwise stays or falls as a new week moves the window
     * on. The first session at which it reaches the threshold, and its highest value, are therefore at the period's
     * first school session or at a counted mark within the period: every other session can be skipped.
     */
    private static List<SessionSlot> sessionsWhereTheCountMayPeak(SchoolTimeline timeline, List<SessionMark> counted,
                                                                 LocalDate from, LocalDate to) {
        List<SessionSlot> sessions = new ArrayList<>();
        timeline.firstSchoolSession(from, to).ifPresent(sessions::add);
        for (SessionMark mark : counted) {
            SessionSlot slot = mark.slot();
            if (!mark.date().isAfter(to) && !sessions.isEmpty() && slot.compareTo(sessions.get(0)) > 0) {
                sessions.add(slot);
            }
        }
        return sessions;
    }

    private static int firstAtOrAfter(List<SessionMark> sorted, SessionSlot slot) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle).slot().compareTo(slot) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static int firstAfter(List<SessionMark> sorted, SessionSlot slot) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle).slot().compareTo(slot) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
