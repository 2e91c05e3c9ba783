package org.attendanceledger.penalty;

import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.attendanceledger.penalty.api.PenaltyNoticeKind;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcome;

/**
 * At most two penalty notices per parent per child in a rolling three years (rules 7.3; TC-27, TC-28). A notice
 * counts unless it was withdrawn; notices to improve never count; the period starts with the first notice issued on or
 * after 19 Aug 2024, when the National Framework took effect. "Within 3 years of the first" is read as blocked up to
 * and including the day before the third anniversary, allowed on the anniversary itself.
 *
 * <p>A notice still open (issued, neither paid, withdrawn nor prosecuted) counts: otherwise an LA could issue a third
 * before the first was settled. A prosecuted notice counts, as the sources count a notice followed by a conviction.
 */
public record PenaltyNoticeLimit(int maxCounted, Period window, LocalDate countsFrom) {

    public static PenaltyNoticeLimit national() {
        return new PenaltyNoticeLimit(2, Period.ofYears(3), PenaltyThresholdRule.NATIONAL_FRAMEWORK_START);
    }

    /**
     * Whether a penalty notice may be issued on a date.
     *
     * @param noticeNumber the number the notice would have in its period: 1 (first) or 2 (second), which sets its tariff
     * @param counted the notices that count on that date, oldest first
     * @param allowedAgainOn when refused, the first day a notice may be issued again
     */
    public record Decision(boolean mayIssue, int noticeNumber, List<NoticeOnRecord> counted, LocalDate allowedAgainOn) {

        /** The reason for a refusal, naming the notices that count. */
        public String refusal() {
            return "the parent already has " + counted.size() + " counted penalty notices for this pupil within 3 years ("
                    + counted.stream().map(n -> n.noticeId() + " of " + n.issuedOn()).collect(Collectors.joining(", "))
                    + "); no penalty notice may be issued before " + allowedAgainOn;
        }
    }

    public Decision decide(List<NoticeOnRecord> notices, LocalDate on) {
        LocalDate windowOpensAfter = on.minus(window);
        List<NoticeOnRecord> counted = notices.stream()
                .filter(n -> n.kind() == PenaltyNoticeKind.PENALTY_NOTICE)
                .filter(n -> n.outcome() != PenaltyNoticeOutcome.WITHDRAWN)
                .filter(n -> !n.issuedOn().isBefore(countsFrom))
                .filter(n -> n.issuedOn().isAfter(windowOpensAfter) && !n.issuedOn().isAfter(on))
                .sorted(Comparator.comparing(NoticeOnRecord::issuedOn))
                .toList();
        if (counted.size() >= maxCounted) {
            LocalDate allowedAgain = counted.get(counted.size() - maxCounted).issuedOn().plus(window);
            return new Decision(false, 0, counted, allowedAgain);
        }
        return new Decision(true, counted.size() + 1, counted, null);
    }
}
