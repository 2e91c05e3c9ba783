package org.attendanceledger.leave;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.Objects;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.leave.api.DecideLeaveOfAbsence;
import org.attendanceledger.leave.api.LeaveDecision;
import org.attendanceledger.leave.api.LeaveOfAbsenceDecided;
import org.attendanceledger.leave.api.LeaveOfAbsenceRequested;
import org.attendanceledger.leave.api.LeaveOfAbsenceWithdrawn;
import org.attendanceledger.leave.api.RequestLeaveOfAbsence;
import org.attendanceledger.leave.api.WithdrawLeaveOfAbsence;
import org.attendanceledger.register.MarkRules;
import org.attendanceledger.staff.AuthorisedPersons;
import org.attendanceledger.staff.api.GrantScope;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A request for leave of absence and what became of it (rules 5): requested, then granted or refused by an authorised
 * person holding GRANT_LEAVE on the day of the decision (REG24 reg 11), and a grant possibly withdrawn later.
 */
public class LeaveRequest {

    @AggregateIdentifier
    private String requestId;
    private String urn;
    private String upn;
    private SessionSlot from;
    private SessionSlot to;
    private LocalDate requestedOn;
    private LeaveOfAbsenceDecided decision;
    private LeaveOfAbsenceWithdrawn withdrawal;

    protected LeaveRequest() {
        // required by Axon
    }

    /** Whether a command stored anything: a retried decision or withdrawal stores nothing twice. */
    public record Recorded(boolean stored) {
    }

    @CommandHandler
    public LeaveRequest(RequestLeaveOfAbsence command) {
        if (command.by() == null || !command.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "by",
                    "the name and position of the person recording the request are required");
        }
        if (command.circumstance() == null || command.circumstance().isBlank()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "circumstance",
                    "the circumstance the leave is asked for is required: the decision turns on it");
        }
        if (command.to().compareTo(command.from()) < 0) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "to", "the leave ends before it starts");
        }
        apply(new LeaveOfAbsenceRequested(command.requestId(), command.urn(), command.upn(), command.from(),
                command.to(), command.circumstance().strip(), command.requestedBy(), command.by(),
                command.recordedAt()));
    }

    @CommandHandler
    public Recorded handle(DecideLeaveOfAbsence command, AuthorisedPersons authorisedPersons) {
        if (decision != null) {
            if (decision.decision() == command.decision() && Objects.equals(decision.code(), command.code())
                    && Objects.equals(decision.decidedAt(), command.decidedAt())) {
                return new Recorded(false);
            }
            throw new RuleViolation(ErrorCode.LEAVE_ALREADY_DECIDED, "decision",
                    "the request was already " + decision.decision() + " on " + decision.decidedOn());
        }
        if (command.reason() == null || command.reason().isBlank() || command.decidedBy() == null
                || !command.decidedBy().hasNameAndPosition() || command.decidedAt() == null) {
            throw new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "reason",
                    "a decision must carry the reason, the date, and the name and position of the person deciding");
        }
        LocalDate decidedOn = LedgerClock.localDate(command.decidedAt());
        requireGrantLeave(authorisedPersons, command.decidedBy(), decidedOn, "decidedBy");
        if (command.decision() == LeaveDecision.GRANTED) {
            requireLeaveCode(command.code());
            if (requestedOn.isAfter(from.date())) {
                throw new RuleViolation(ErrorCode.LEAVE_NOT_REQUESTED_IN_ADVANCE, "decision",
                        "the request was made on " + requestedOn + ", after the leave began on " + from.date()
                                + ": leave is never granted retrospectively");
            }
        } else if (command.code() != null) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "code", "a refusal grants no code");
        }
        apply(new LeaveOfAbsenceDecided(requestId, urn, upn, command.decision(), command.code(), from, to,
                command.reason().strip(), decidedOn, command.decidedAt(), command.decidedBy()));
        return new Recorded(true);
    }

    @CommandHandler
    public Recorded handle(WithdrawLeaveOfAbsence command, AuthorisedPersons authorisedPersons) {
        if (decision == null || decision.decision() != LeaveDecision.GRANTED) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "requestId", "only granted leave can be withdrawn");
        }
        if (withdrawal != null) {
            if (Objects.equals(withdrawal.withdrawnAt(), command.withdrawnAt())) {
                return new Recorded(false);
            }
            throw new RuleViolation(ErrorCode.LEAVE_ALREADY_DECIDED, "withdrawnAt",
                    "the leave was already withdrawn on " + withdrawal.withdrawnOn());
        }
        if (command.reason() == null || command.reason().isBlank() || command.by() == null
                || !command.by().hasNameAndPosition() || command.withdrawnAt() == null) {
            throw new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "reason",
                    "a withdrawal must carry the reason, the date, and the name and position of the person");
        }
        LocalDate withdrawnOn = LedgerClock.localDate(command.withdrawnAt());
        requireGrantLeave(authorisedPersons, command.by(), withdrawnOn, "by");
        apply(new LeaveOfAbsenceWithdrawn(requestId, urn, upn, command.reason().strip(), withdrawnOn,
                command.withdrawnAt(), command.by()));
        return new Recorded(true);
    }

    private void requireGrantLeave(AuthorisedPersons authorisedPersons, org.attendanceledger.common.Actor actor,
                                   LocalDate on, String field) {
        authorisedPersons.requireHolder(urn, actor, field + ".name");
        if (!authorisedPersons.actorHolds(urn, actor, GrantScope.GRANT_LEAVE, on)) {
            throw new RuleViolation(ErrorCode.ACTOR_NOT_AUTHORISED, field + ".staffId",
                    "deciding leave of absence needs a GRANT_LEAVE grant on " + on);
        }
    }

    /** A grant names the leave code its sessions take, valid on the first day of the leave. */
    private void requireLeaveCode(String code) {
        if (code == null || !GrantedLeave.LEAVE_CODES.contains(code)) {
            throw new RuleViolation(ErrorCode.INVALID_CODE, "code",
                    "a grant names the leave code its sessions take, one of " + GrantedLeave.LEAVE_CODES
                            + ", not " + code);
        }
        MarkRules.requireValidCode(code, from.date());
    }

    @EventSourcingHandler
    void on(LeaveOfAbsenceRequested event) {
        requestId = event.requestId();
        urn = event.urn();
        upn = event.upn();
        from = event.from();
        to = event.to();
        requestedOn = LedgerClock.localDate(event.recordedAt());
    }

    @EventSourcingHandler
    void on(LeaveOfAbsenceDecided event) {
        decision = event;
    }

    @EventSourcingHandler
    void on(LeaveOfAbsenceWithdrawn event) {
        withdrawal = event;
    }
}
