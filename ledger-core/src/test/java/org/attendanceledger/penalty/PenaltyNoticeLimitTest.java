package org.attendanceledger.penalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.penalty.api.AmountDue;
import org.attendanceledger.penalty.api.PenaltyNoticeKind;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcome;
import org.junit.jupiter.api.Test;

class PenaltyNoticeLimitTest {

    private static final PenaltyNoticeLimit LIMIT = PenaltyNoticeLimit.national();

    private static NoticeOnRecord pn(String id, String issuedOn, PenaltyNoticeOutcome outcome) {
        return new NoticeOnRecord(id, PenaltyNoticeKind.PENALTY_NOTICE, LocalDate.parse(issuedOn), outcome);
    }

    private static final List<NoticeOnRecord> TC27 = List.of(pn("PN1", "2024-10-01", PenaltyNoticeOutcome.PAID),
            pn("PN2", "2025-03-03", PenaltyNoticeOutcome.PAID));

    @Test
    void tc27_a_third_notice_within_three_years_of_the_first_is_refused_until_the_third_anniversary() {
        PenaltyNoticeLimit.Decision june2026 = LIMIT.decide(TC27, LocalDate.of(2026, 6, 12));
        PenaltyNoticeLimit.Decision dayBefore = LIMIT.decide(TC27, LocalDate.of(2027, 9, 30));
        PenaltyNoticeLimit.Decision anniversary = LIMIT.decide(TC27, LocalDate.of(2027, 10, 1));
        PenaltyNoticeLimit.Decision october2027 = LIMIT.decide(TC27, LocalDate.of(2027, 10, 15));

        assertThat(june2026.mayIssue()).isFalse();
        assertThat(june2026.counted()).extracting(NoticeOnRecord::noticeId).containsExactly("PN1", "PN2");
        assertThat(june2026.allowedAgainOn()).isEqualTo(LocalDate.of(2027, 10, 1));
        assertThat(june2026.refusal()).contains("PN1 of 2024-10-01", "PN2 of 2025-03-03", "before 2027-10-01");
        assertThat(dayBefore.mayIssue()).isFalse();
        assertThat(anniversary.mayIssue()).isTrue();
        assertThat(october2027.mayIssue()).isTrue();
        assertThat(october2027.noticeNumber()).as("only PN2 lies within the preceding 3 years").isEqualTo(2);
    }

    @Test
    void tc28_a_withdrawn_notice_does_not_count_and_an_open_or_prosecuted_one_does() {
        List<NoticeOnRecord> withdrawn = List.of(pn("PN1", "2024-10-01", PenaltyNoticeOutcome.WITHDRAWN));
        List<NoticeOnRecord> prosecuted = List.of(pn("PN1", "2024-10-01", PenaltyNoticeOutcome.PROSECUTED));
        List<NoticeOnRecord> open = List.of(pn("PN1", "2024-10-01", null));

        assertThat(LIMIT.decide(withdrawn, LocalDate.of(2025, 3, 3)).noticeNumber()).isEqualTo(1);
        assertThat(LIMIT.decide(prosecuted, LocalDate.of(2025, 3, 3)).noticeNumber()).isEqualTo(2);
        assertThat(LIMIT.decide(open, LocalDate.of(2025, 3, 3)).noticeNumber()).isEqualTo(2);
    }

    @Test
    void notices_to_improve_and_notices_before_the_national_framework_never_count() {
        List<NoticeOnRecord> notices = List.of(
                new NoticeOnRecord("NTI", PenaltyNoticeKind.NOTICE_TO_IMPROVE, LocalDate.of(2024, 9, 20), null),
                pn("OLD", "2024-06-01", PenaltyNoticeOutcome.PAID),
                pn("PN1", "2024-10-01", PenaltyNoticeOutcome.PAID));

        PenaltyNoticeLimit.Decision decision = LIMIT.decide(notices, LocalDate.of(2025, 1, 10));

        assertThat(decision.mayIssue()).isTrue();
        assertThat(decision.noticeNumber()).isEqualTo(2);
        assertThat(decision.counted()).extracting(NoticeOnRecord::noticeId).containsExactly("PN1");
    }

    @Test
    void tc29_a_first_notice_costs_80_to_day_21_and_160_to_day_28_and_a_second_160_flat() {
        LocalDate issued = LocalDate.of(2024, 10, 1);
        List<AmountDue> first = PenaltyNoticeTariff.national().amountsFor(issued, 1);
        List<AmountDue> second = PenaltyNoticeTariff.national().amountsFor(issued, 2);

        assertThat(first).containsExactly(new AmountDue(LocalDate.of(2024, 10, 22), 80),
                new AmountDue(LocalDate.of(2024, 10, 29), 160));
        assertThat(second).containsExactly(new AmountDue(LocalDate.of(2024, 10, 29), 160));
        assertThat(PenaltyNoticeTariff.dueOn(first, issued.plusDays(21))).contains(80);
        assertThat(PenaltyNoticeTariff.dueOn(first, issued.plusDays(22))).contains(160);
        assertThat(PenaltyNoticeTariff.dueOn(first, issued.plusDays(28))).contains(160);
        assertThat(PenaltyNoticeTariff.dueOn(first, issued.plusDays(29))).isEmpty();
        assertThat(PenaltyNoticeTariff.dueOn(second, issued.plusDays(10))).contains(160);
    }

    @Test
    void before_19_august_2024_the_tariff_was_60_and_120_with_no_second_notice_tier() {
        List<AmountDue> old = PenaltyNoticeTariff.national().amountsFor(LocalDate.of(2023, 5, 2), 2);

        assertThat(old).extracting(AmountDue::amount).containsExactly(60, 120);
    }
}
