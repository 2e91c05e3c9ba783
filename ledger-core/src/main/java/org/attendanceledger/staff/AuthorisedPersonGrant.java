package org.attendanceledger.staff;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.staff.api.AuthorisedPersonGranted;
import org.attendanceledger.staff.api.GrantAuthorisedPerson;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** One grant of authority to a member of staff (REG24 reg 11: the "authorised person"). */
public class AuthorisedPersonGrant {

    @AggregateIdentifier
    private String grantId;

    protected AuthorisedPersonGrant() {
        // required by Axon
    }

    @CommandHandler
    public AuthorisedPersonGrant(GrantAuthorisedPerson command) {
        if (command.scopes() == null || command.scopes().isEmpty()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "scopes", "at least one scope is required");
        }
        if (command.to() != null && command.to().isBefore(command.from())) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "to", "a grant cannot end before it starts");
        }
        if (command.by() == null || !command.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "by",
                    "the name and position of the person making the grant are required");
        }
        apply(new AuthorisedPersonGranted(command.grantId(), command.urn(), command.staffId(), command.name(),
                command.position(), command.scopes(), command.from(), command.to(), command.by(),
                command.recordedAt()));
    }

    @EventSourcingHandler
    void on(AuthorisedPersonGranted event) {
        grantId = event.grantId();
    }
}
