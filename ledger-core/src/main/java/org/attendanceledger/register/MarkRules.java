package org.attendanceledger.register;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.catalogue.AttendanceCode;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCheck;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.school.ArrivalAssessment;
import org.attendanceledger.school.RegisterPolicy;

/**
 * The rules a single mark must keep, each written once. The register entry, the validation of a posted register and
 * the amendment path all call these, so a rule and its message exist in one place.
 *
 * <p>Rules that need only the mark (the code is in force on the session date; minutes late only with L or U) are
 * checked by the entry itself. Rules that need the school's register policy for the session date (L against U at the
 * clock, the end of the session, whether the session has started) are checked where that policy is known.
 */
public final class MarkRules {

    /** The codes that carry lateness: L (present, before the register closed) and U (absent, after it). */
    public static final Set<String> LATE_CODES = Set.of("L", "U");
    /** How far ahead of the ledger's clock an MIS clock may run before its timestamps are refused. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private MarkRules() {
    }

    /** The code set version the code belongs to on the session date, or the violation that it is not in it. */
    public static String requireValidCode(String code, LocalDate sessionDate) {
        CodeCheck check = CodeCatalogue.national().check(code, sessionDate);
        if (check instanceof CodeCheck.Valid valid) {
            return valid.version().id();
        }
        throw codeViolation(check, sessionDate);
    }

    /** The violation of a code that is not valid on the session date, if it is not. */
    public static Optional<RuleViolation> codeViolation(String code, LocalDate sessionDate) {
        CodeCheck check = CodeCatalogue.national().check(code, sessionDate);
        return check instanceof CodeCheck.Valid ? Optional.empty() : Optional.of(codeViolation(check, sessionDate));
    }

    private static RuleViolation codeViolation(CodeCheck check, LocalDate sessionDate) {
        if (check instanceof CodeCheck.NotValidOnDate notValid) {
            return new RuleViolation(ErrorCode.CODE_NOT_VALID_ON_DATE, "code", "code " + notValid.code()
                    + " is not in the " + notValid.version().id() + " code set in force on " + sessionDate);
        }
        return new RuleViolation(ErrorCode.INVALID_CODE, "code",
                "'" + ((CodeCheck.UnknownCode) check).code() + "' is not an attendance code");
    }

    /** Minutes late may only accompany L or U, and are never negative (rules 1.4). */
    public static Optional<RuleViolation> minutesLateViolation(String code, Integer minutesLate) {
        if (minutesLate == null) {
            return Optional.empty();
        }
        if (!LATE_CODES.contains(code)) {
            return Optional.of(new RuleViolation(ErrorCode.MINUTES_LATE_NOT_ALLOWED, "minutesLate",
                    "minutes late may only accompany L or U, not " + code));
        }
        if (minutesLate < 0) {
            return Optional.of(new RuleViolation(ErrorCode.VALIDATION_FAILED, "minutesLate",
                    "minutes late cannot be negative"));
        }
        return Optional.empty();
    }

    /** How an entry's lateness is known: KNOWN or UNKNOWN for L and U, null for codes that carry no lateness. */
    public static String lateness(String code, Integer minutesLate) {
        if (!LATE_CODES.contains(code)) {
            return null;
        }
        return minutesLate == null ? "UNKNOWN" : "KNOWN";
    }

    /** Lateness as judged: the minutes late to store (derived from the arrival time where given) and what was wrong. */
    public record Lateness(Integer minutesLate, List<RuleViolation> violations) {
    }

    /**
     * Judges a mark's lateness under the school's register policy for its session (rules 1.2-1.4). Arriving before
     * the register closes is L, at or after it U, and after the session has ended neither: the session then takes an
     * absence code. Where the MIS sends only minutes late, the minutes must tell the same story as an arrival time
     * would. L or U with neither is accepted: many MIS do not send lateness, and it then stays unknown.
     */
    public static Lateness judgeLateness(String code, Integer minutesLate, LocalTime arrivalTime, Session session,
                                         RegisterPolicy policy) {
        List<RuleViolation> violations = new ArrayList<>();
        minutesLateViolation(code, minutesLate).ifPresent(violations::add);
        boolean lateCode = LATE_CODES.contains(code);
        if (!violations.isEmpty() || (!lateCode && arrivalTime == null)) {
            return new Lateness(minutesLate, violations);
        }
        if (!lateCode) {
            violations.add(new RuleViolation(ErrorCode.MINUTES_LATE_NOT_ALLOWED, "arrivalTime",
                    "an arrival time may only accompany L or U, not " + code));
            return new Lateness(minutesLate, violations);
        }
        if (arrivalTime != null) {
            return judgeArrival(code, minutesLate, arrivalTime, session, policy, violations);
        }
        if (minutesLate != null) {
            judgeMinutesLate(code, minutesLate, session, policy, violations);
        }
        return new Lateness(minutesLate, violations);
    }

    private static Lateness judgeArrival(String code, Integer minutesLate, LocalTime arrival, Session session,
                                         RegisterPolicy policy, List<RuleViolation> violations) {
        LocalTime start = policy.registerStart(session);
        if (arrival.isBefore(start)) {
            violations.add(new RuleViolation(ErrorCode.LATE_CODE_CONTRADICTS_ARRIVAL, "arrivalTime",
                    "arrival at " + arrival + " is before the register began at " + start
                            + ": the pupil was present, not late"));
            return new Lateness(minutesLate, violations);
        }
        if (policy.arrivesAfterSessionEnd(session, arrival)) {
            violations.add(afterSessionEnd(session, policy, "arrival at " + arrival));
            return new Lateness(minutesLate, violations);
        }
        ArrivalAssessment assessed = policy.assessArrival(session, arrival);
        String fitting = assessed.beforeRegisterClosed() ? "L" : "U";
        if (!fitting.equals(code)) {
            violations.add(new RuleViolation(ErrorCode.LATE_CODE_CONTRADICTS_ARRIVAL, "code",
                    "arrival at " + arrival + " is " + (assessed.beforeRegisterClosed() ? "before" : "after")
                            + " the register closed at " + policy.registerCloses(session) + ", so the code is "
                            + fitting + ", not " + code));
        }
        if (minutesLate != null && minutesLate != assessed.minutesLate()) {
            violations.add(new RuleViolation(ErrorCode.VALIDATION_FAILED, "minutesLate",
                    "arrival at " + arrival + " is " + assessed.minutesLate() + " minutes late, not " + minutesLate));
        }
        return new Lateness(assessed.minutesLate(), violations);
    }

    private static void judgeMinutesLate(String code, int minutesLate, Session session, RegisterPolicy policy,
                                         List<RuleViolation> violations) {
        if (policy.minutesLateAfterSessionEnd(session, minutesLate)) {
            violations.add(afterSessionEnd(session, policy, minutesLate + " minutes after the register began"));
            return;
        }
        boolean fits = "L".equals(code) ? policy.minutesLateFitL(minutesLate) : policy.minutesLateFitU(minutesLate);
        if (!fits) {
            violations.add(new RuleViolation(ErrorCode.LATE_CODE_CONTRADICTS_ARRIVAL, "code",
                    minutesLate + " minutes late is " + ("L".equals(code) ? "not before" : "before")
                            + " the register closed " + policy.windowMinutes() + " minutes after it began, so the "
                            + "code cannot be " + code));
        }
    }

    private static RuleViolation afterSessionEnd(Session session, RegisterPolicy policy, String arrival) {
        return new RuleViolation(ErrorCode.ARRIVAL_AFTER_SESSION_END, "arrivalTime", arrival + " is after the "
                + session + " session ended at " + policy.sessionEnd(session).orElseThrow()
                + ": the session takes an absence code (N until the reason is known), not U");
    }

    /** Whether a session's register should have been taken by now: it has closed (rules 1.1: no blanks). */
    public static boolean registerDue(LocalDate date, Session session, RegisterPolicy policy, Instant now) {
        Instant closes = ZonedDateTime.of(date, policy.registerCloses(session), LedgerClock.ENGLAND).toInstant();
        return !now.isBefore(closes);
    }

    /** When a session starts: its register start on its date, in England. */
    public static Instant sessionStart(LocalDate date, Session session, RegisterPolicy policy) {
        return ZonedDateTime.of(date, policy.registerStart(session), LedgerClock.ENGLAND).toInstant();
    }

    /**
     * A mark describes a session, so before the session starts only what can be planned may be entered (a closure,
     * dual registration, a planned activity, leave), and a timestamp cannot claim the mark was made before the
     * session's day unless the code is one of those. Nor may the timestamp run ahead of the ledger's clock.
     *
     * @param recordedAtField the request's name for the timestamp ({@code recordedAt}, {@code amendedAt})
     */
    public static List<RuleViolation> timingViolations(String code, LocalDate date, Session session,
                                                       RegisterPolicy policy, Instant recordedAt,
                                                       String recordedAtField, Instant now) {
        List<RuleViolation> violations = new ArrayList<>();
        if (recordedAt.isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(new RuleViolation(ErrorCode.VALIDATION_FAILED, recordedAtField,
                    recordedAtField + " lies in the future: the ledger records what has been done"));
        }
        Optional<AttendanceCode> known = CodeCatalogue.national().lookup(code, date);
        if (known.isEmpty() || known.get().mayBeEnteredInAdvance()) {
            return violations;
        }
        Instant start = sessionStart(date, session, policy);
        if (now.isBefore(start)) {
            violations.add(new RuleViolation(ErrorCode.SESSION_NOT_STARTED, "session",
                    "the " + session + " session of " + date + " has not started (its register opens at "
                            + policy.registerStart(session) + "); only codes that can be planned, such as #, D, "
                            + "educational activities and leave, may be entered in advance, not " + code));
        } else if (LedgerClock.localDate(recordedAt).isBefore(date)) {
            violations.add(new RuleViolation(ErrorCode.SESSION_NOT_STARTED, recordedAtField,
                    recordedAtField + " (" + recordedAt + ") is before the session's day, " + date
                            + ": only codes that can be planned may be entered in advance, not " + code));
        }
        return violations;
    }
}
