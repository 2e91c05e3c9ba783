package org.attendanceledger.penalty;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.penalty.api.AmountDue;

/**
 * What a penalty notice costs and by when, effective-dated by the day it is issued (rules 7.3, 7.6). The payment
 * periods run from the day of issue: a notice issued on 1 Oct is paid "on day 21" on 22 Oct.
 */
public final class PenaltyNoticeTariff {

    /** The terms in force from a date: a first notice's two tiers and a second notice's single amount. */
    record Terms(LocalDate from, int firstReduced, int reducedDays, int firstFull, int fullDays, int secondFlat) {
    }

    /** The rule as data, newest last. Before 19 Aug 2024 there was no separate second-notice tier. */
    private static final List<Terms> NATIONAL = List.of(
            new Terms(LocalDate.of(2013, 9, 1), 60, 21, 120, 28, 60),
            new Terms(LocalDate.of(2024, 8, 19), 80, 21, 160, 28, 160));

    private final List<Terms> table;

    private PenaltyNoticeTariff(List<Terms> table) {
        this.table = table.stream().sorted(Comparator.comparing(Terms::from)).toList();
    }

    public static PenaltyNoticeTariff national() {
        return new PenaltyNoticeTariff(NATIONAL);
    }

    /** The amounts of notice number 1 or 2 issued on a date, each with the last day it may be paid; empty if none. */
    public List<AmountDue> amountsFor(LocalDate issuedOn, int noticeNumber) {
        Optional<Terms> terms = table.stream().filter(t -> !t.from().isAfter(issuedOn)).reduce((a, b) -> b);
        if (terms.isEmpty()) {
            return List.of();
        }
        Terms t = terms.get();
        if (noticeNumber >= 2 && t.secondFlat() != t.firstReduced()) {
            return List.of(new AmountDue(issuedOn.plusDays(t.fullDays()), t.secondFlat()));
        }
        return List.of(new AmountDue(issuedOn.plusDays(t.reducedDays()), t.firstReduced()),
                new AmountDue(issuedOn.plusDays(t.fullDays()), t.firstFull()));
    }

    /** What is due when paying on a date, from the amounts a notice was issued with; empty once no route remains. */
    public static Optional<Integer> dueOn(List<AmountDue> amounts, LocalDate paidOn) {
        return amounts.stream().filter(a -> !paidOn.isAfter(a.by())).map(AmountDue::amount).findFirst();
    }
}
