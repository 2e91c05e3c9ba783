package org.attendanceledger.school;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

import org.attendanceledger.calendar.Session;

/**
 * When a school's registers open and how long they stay open (rules 1.2).
 *
 * <p>The register closes {@code windowMinutes} after it starts. By default the closing instant itself is
 * already too late ({@code U}); {@code closingInstantIsLate} supports policies worded "between 9.00 and
 * 9.20 is late", where arrival at exactly 09:20:00 is still {@code L}.
 *
 * <p>A window over {@value #MAX_WINDOW_MINUTES} minutes is representable on purpose: policies from before
 * {@link #WINDOW_CAP_FROM} may legitimately have one, so callers decide (via {@link #exceedsWindowCap()})
 * whether to reject it with {@code WINDOW_OVER_30_MIN}.
 *
 * <p>A session ends at {@code amSessionEnd} / {@code pmSessionEnd} when the school states them. Without them the
 * morning ends when the afternoon register starts, and the afternoon has no stated end: a late arrival is then
 * never judged to be after its session.
 */
public record RegisterPolicy(LocalTime amRegisterStart, LocalTime pmRegisterStart, int windowMinutes,
                             boolean closingInstantIsLate, LocalTime amSessionEnd, LocalTime pmSessionEnd) {

    public static final int MAX_WINDOW_MINUTES = 30;
    /** The 30-minute cap applies to sessions from the day the 2024 Regulations came into force. */
    public static final LocalDate WINDOW_CAP_FROM = LocalDate.of(2024, 8, 19);

    public RegisterPolicy {
        Objects.requireNonNull(amRegisterStart, "amRegisterStart");
        Objects.requireNonNull(pmRegisterStart, "pmRegisterStart");
        if (windowMinutes < 1) {
            throw new IllegalArgumentException("register window must be at least 1 minute: " + windowMinutes);
        }
        requireClosesSameDay(amRegisterStart, windowMinutes, Session.AM);
        requireClosesSameDay(pmRegisterStart, windowMinutes, Session.PM);
        if (!pmRegisterStart.isAfter(amRegisterStart)) {
            throw new IllegalArgumentException("the PM register (" + pmRegisterStart
                    + ") must start after the AM register (" + amRegisterStart + ")");
        }
        requireEndsAfterClose(amSessionEnd, amRegisterStart.plusMinutes(windowMinutes), Session.AM);
        requireEndsAfterClose(pmSessionEnd, pmRegisterStart.plusMinutes(windowMinutes), Session.PM);
        if (amSessionEnd != null && amSessionEnd.isAfter(pmRegisterStart)) {
            throw new IllegalArgumentException("the AM session must end (" + amSessionEnd
                    + ") by the time the PM register starts (" + pmRegisterStart + ")");
        }
    }

    /** A policy without stated session ends. */
    public RegisterPolicy(LocalTime amRegisterStart, LocalTime pmRegisterStart, int windowMinutes,
                          boolean closingInstantIsLate) {
        this(amRegisterStart, pmRegisterStart, windowMinutes, closingInstantIsLate, null, null);
    }

    /** A policy where arrival at the closing instant is already after the register closed. */
    public static RegisterPolicy of(LocalTime amRegisterStart, LocalTime pmRegisterStart, int windowMinutes) {
        return new RegisterPolicy(amRegisterStart, pmRegisterStart, windowMinutes, false);
    }

    public boolean exceedsWindowCap() {
        return windowMinutes > MAX_WINDOW_MINUTES;
    }

    /** Whether the window breaks the cap for a session on this date (the cap does not reach back before 2024). */
    public boolean exceedsWindowCapOn(LocalDate sessionDate) {
        return exceedsWindowCap() && !sessionDate.isBefore(WINDOW_CAP_FROM);
    }

    public LocalTime registerStart(Session session) {
        return switch (Objects.requireNonNull(session, "session")) {
            case AM -> amRegisterStart;
            case PM -> pmRegisterStart;
        };
    }

    public LocalTime registerCloses(Session session) {
        return registerStart(session).plusMinutes(windowMinutes);
    }

    /** When the session ends, if the policy says: AM by default when the PM register starts, PM only if stated. */
    public Optional<LocalTime> sessionEnd(Session session) {
        return switch (Objects.requireNonNull(session, "session")) {
            case AM -> Optional.of(amSessionEnd != null ? amSessionEnd : pmRegisterStart);
            case PM -> Optional.ofNullable(pmSessionEnd);
        };
    }

    /** Whether a pupil arriving at that time arrived after the session had ended (the end instant included). */
    public boolean arrivesAfterSessionEnd(Session session, LocalTime arrival) {
        return sessionEnd(session).map(end -> !arrival.isBefore(end)).orElse(false);
    }

    /**
     * Whether an arrival known only as whole minutes after the register start could have been before the register
     * closed ({@code L}). Minutes are rounded down, so {@code m} minutes late is an arrival in {@code [start + m,
     * start + m + 1)}: before the close while {@code m} is under the window, and at exactly the window only where the
     * closing instant itself is still late.
     */
    public boolean minutesLateFitL(int minutesLate) {
        return minutesLate < windowMinutes || (closingInstantIsLate && minutesLate == windowMinutes);
    }

    /** Whether an arrival known only as whole minutes late could have been at or after the register closed (U). */
    public boolean minutesLateFitU(int minutesLate) {
        return minutesLate >= windowMinutes;
    }

    /** Whether every instant of the minute {@code start + minutesLate} lies at or after the session's end. */
    public boolean minutesLateAfterSessionEnd(Session session, int minutesLate) {
        LocalTime start = registerStart(session);
        return sessionEnd(session)
                .map(end -> Duration.ofMinutes(minutesLate).compareTo(Duration.between(start, end)) >= 0)
                .orElse(false);
    }

    /**
     * Minutes late are whole minutes from the register start, rounded down and never negative, so an arrival
     * at 09:12:59 for an 08:50 register is 22 minutes late.
     */
    public ArrivalAssessment assessArrival(Session session, LocalTime arrival) {
        Objects.requireNonNull(arrival, "arrival");
        long minutesLate = Math.max(0, Duration.between(registerStart(session), arrival).toMinutes());
        LocalTime closes = registerCloses(session);
        boolean beforeClose = arrival.isBefore(closes) || (closingInstantIsLate && arrival.equals(closes));
        return new ArrivalAssessment((int) minutesLate, beforeClose);
    }

    private static void requireEndsAfterClose(LocalTime end, LocalTime registerCloses, Session session) {
        if (end != null && !end.isAfter(registerCloses)) {
            throw new IllegalArgumentException("the " + session + " session must end (" + end
                    + ") after its register closes (" + registerCloses + ")");
        }
    }

    // LocalTime arithmetic wraps at midnight, which would make a late register close "before" it opened.
    private static void requireClosesSameDay(LocalTime start, int windowMinutes, Session session) {
        if (Duration.between(start, LocalTime.MAX).toMinutes() < windowMinutes) {
            throw new IllegalArgumentException(session + " register starting at " + start + " must close before midnight");
        }
    }
}
