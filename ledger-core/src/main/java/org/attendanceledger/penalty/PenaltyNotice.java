package org.attendanceledger.penalty;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import java.util.Optional;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.penalty.api.AmountDue;
import org.attendanceledger.penalty.api.IssuePenaltyNotice;
import org.attendanceledger.penalty.api.PenaltyNoticeIssued;
import org.attendanceledger.penalty.api.PenaltyNoticeKind;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcome;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcomeRecorded;
import org.attendanceledger.penalty.api.RecordPenaltyNoticeOutcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A notice to improve or a penalty notice an LA issued to one parent for one pupil (rules 7.2, 7.3). It is the LA's
 * own record: issuing it never touches a school's register, and its outcome is an event of its own.
 */
public class PenaltyNotice {

    @AggregateIdentifier
    private String noticeId;
    private String laCode;
    private PenaltyNoticeKind kind;
    private java.time.LocalDate issuedOn;
    private List<AmountDue> amountIfPaidBy;
    private PenaltyNoticeOutcomeRecorded outcome;

    protected PenaltyNotice() {
        // required by Axon
    }

    /** The outcome of a command: whether it stored anything (a retried outcome stores nothing twice). */
    public record Recorded(boolean stored) {
    }

    @CommandHandler
    public PenaltyNotice(IssuePenaltyNotice command, PenaltyNoticeRecords records) {
        if (command.by() == null || !command.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "by",
                    "the name and position of the officer issuing the notice are required");
        }
        int noticeNumber = 0;
        List<AmountDue> amounts = List.of();
        if (command.kind() == PenaltyNoticeKind.PENALTY_NOTICE) {
            PenaltyNoticeLimit.Decision decision = PenaltyNoticeLimit.national()
                    .decide(records.noticesFor(command.laCode(), command.parentRef(), command.upn()), command.issuedOn());
            if (!decision.mayIssue()) {
                throw new RuleViolation(ErrorCode.PENALTY_NOTICE_LIMIT, "parentRef", decision.refusal());
            }
            noticeNumber = decision.noticeNumber();
            amounts = PenaltyNoticeTariff.national().amountsFor(command.issuedOn(), noticeNumber);
            if (amounts.isEmpty()) {
                throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "issuedOn",
                        "no penalty notice tariff was in force on " + command.issuedOn());
            }
        }
        apply(new PenaltyNoticeIssued(command.noticeId(), command.laCode(), command.urn(), command.upn(),
                command.parentRef(), command.kind(), command.issuedOn(), command.breachAt(), noticeNumber, amounts,
                command.by(), command.recordedAt()));
    }

    /**
     * A notice ends once: paid (at the amount due on the payment date, rules 7.3 and TC-29), withdrawn, or prosecuted.
     * The same outcome again is a retry and stores nothing; a different one is a conflict.
     */
    @CommandHandler
    public Recorded handle(RecordPenaltyNoticeOutcome command) {
        if (command.by() == null || !command.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "by",
                    "the name and position of the officer recording the outcome are required");
        }
        if (outcome != null) {
            if (outcome.outcome() == command.outcome() && outcome.on().equals(command.on())
                    && (command.amount() == null || command.amount().equals(outcome.amount()))) {
                return new Recorded(false);
            }
            throw new RuleViolation(ErrorCode.OUTCOME_ALREADY_RECORDED, "outcome",
                    "the notice already ended: " + outcome.outcome() + " on " + outcome.on());
        }
        if (command.on().isBefore(issuedOn)) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "on",
                    "a notice issued on " + issuedOn + " cannot end before it, on " + command.on());
        }
        if (kind == PenaltyNoticeKind.NOTICE_TO_IMPROVE && command.outcome() != PenaltyNoticeOutcome.WITHDRAWN) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "outcome",
                    "a notice to improve carries no payment and is never prosecuted; it can only be withdrawn");
        }
        Integer paid = null;
        if (command.outcome() == PenaltyNoticeOutcome.PAID) {
            paid = amountPaid(command);
        } else if (command.amount() != null) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "amount", "only a payment carries an amount");
        }
        apply(new PenaltyNoticeOutcomeRecorded(noticeId, laCode, command.outcome(), command.on(), paid, command.by(),
                command.recordedAt()));
        return new Recorded(true);
    }

    private int amountPaid(RecordPenaltyNoticeOutcome command) {
        Optional<Integer> due = PenaltyNoticeTariff.dueOn(amountIfPaidBy, command.on());
        if (due.isEmpty()) {
            throw new RuleViolation(ErrorCode.PAYMENT_PERIOD_ENDED, "on", "the last day to pay was "
                    + amountIfPaidBy.get(amountIfPaidBy.size() - 1).by()
                    + "; the LA must now prosecute or withdraw the notice");
        }
        if (command.amount() != null && !command.amount().equals(due.get())) {
            throw new RuleViolation(ErrorCode.PAYMENT_AMOUNT_MISMATCH, "amount",
                    "paid on " + command.on() + " the notice costs " + due.get() + " pounds, not " + command.amount());
        }
        return due.get();
    }

    @EventSourcingHandler
    void on(PenaltyNoticeIssued event) {
        noticeId = event.noticeId();
        laCode = event.laCode();
        kind = event.kind();
        issuedOn = event.issuedOn();
        amountIfPaidBy = event.amountIfPaidBy();
    }

    @EventSourcingHandler
    void on(PenaltyNoticeOutcomeRecorded event) {
        outcome = event;
    }
}
