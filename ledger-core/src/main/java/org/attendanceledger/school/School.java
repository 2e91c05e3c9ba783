package org.attendanceledger.school;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.school.api.RegisterSchool;
import org.attendanceledger.school.api.SchoolRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A school known to the ledger, identified by its URN. */
public class School {

    @AggregateIdentifier
    private String urn;

    protected School() {
        // required by Axon
    }

    @CommandHandler
    public School(RegisterSchool command) {
        RegisterPolicy policy = new RegisterPolicy(command.amRegisterStart(), command.pmRegisterStart(),
                command.registerWindowMinutes(), command.closingInstantIsLate());
        if (policy.exceedsWindowCap()) {
            throw new RuleViolation(ErrorCode.WINDOW_OVER_30_MIN, "registerWindowMinutes",
                    "the register may stay open for at most " + RegisterPolicy.MAX_WINDOW_MINUTES
                            + " minutes, not " + command.registerWindowMinutes());
        }
        apply(new SchoolRegistered(command.urn(), command.name(), command.laCode(), command.amRegisterStart(),
                command.pmRegisterStart(), command.registerWindowMinutes(), command.closingInstantIsLate(),
                command.by(), command.recordedAt()));
    }

    @EventSourcingHandler
    void on(SchoolRegistered event) {
        urn = event.urn();
    }
}
