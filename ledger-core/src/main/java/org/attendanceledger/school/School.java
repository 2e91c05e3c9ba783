package org.attendanceledger.school;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.school.api.AutomaticNConversionSet;
import org.attendanceledger.school.api.ChangeRegisterPolicy;
import org.attendanceledger.school.api.RegisterPolicyChanged;
import org.attendanceledger.school.api.RegisterSchool;
import org.attendanceledger.school.api.SchoolRegistered;
import org.attendanceledger.school.api.SetAutomaticNConversion;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A school known to the ledger, identified by its URN. */
public class School {

    @AggregateIdentifier
    private String urn;
    /** The date the latest register-policy change takes effect: changes only go forward in time. */
    private LocalDate latestPolicyChange;

    protected School() {
        // required by Axon
    }

    @CommandHandler
    public School(RegisterSchool command) {
        requireWithinWindowCap(new RegisterPolicy(command.amRegisterStart(), command.pmRegisterStart(),
                command.registerWindowMinutes(), command.closingInstantIsLate(), command.amSessionEnd(),
                command.pmSessionEnd()));
        apply(new SchoolRegistered(command.urn(), command.name(), command.laCode(), command.amRegisterStart(),
                command.pmRegisterStart(), command.registerWindowMinutes(), command.closingInstantIsLate(),
                command.by(), command.recordedAt(), command.amSessionEnd(), command.pmSessionEnd()));
    }

    /**
     * A new register policy for the sessions from a date on. The change is an entry of the school's record like any
     * other, so it carries the reason, the date and the person; and it only goes forward in time, after the latest
     * change, so that no session's policy is rewritten once a later one is known.
     */
    @CommandHandler
    public void handle(ChangeRegisterPolicy command) {
        if (command.reason() == null || command.reason().isBlank()
                || command.by() == null || !command.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "reason",
                    "a change of register policy must carry the reason and the name and position of the person");
        }
        requireWithinWindowCap(new RegisterPolicy(command.amRegisterStart(), command.pmRegisterStart(),
                command.registerWindowMinutes(), command.closingInstantIsLate(), command.amSessionEnd(),
                command.pmSessionEnd()));
        if (latestPolicyChange != null && !command.effectiveFrom().isAfter(latestPolicyChange)) {
            throw new RuleViolation(ErrorCode.REGISTER_POLICY_NOT_LATER, "effectiveFrom",
                    "the latest register policy already takes effect on " + latestPolicyChange
                            + "; a new one must take effect after it");
        }
        apply(new RegisterPolicyChanged(urn, command.effectiveFrom(), command.amRegisterStart(),
                command.pmRegisterStart(), command.registerWindowMinutes(), command.closingInstantIsLate(),
                command.amSessionEnd(), command.pmSessionEnd(), command.reason().strip(), command.by(),
                command.recordedAt()));
    }

    private static void requireWithinWindowCap(RegisterPolicy policy) {
        if (policy.exceedsWindowCap()) {
            throw new RuleViolation(ErrorCode.WINDOW_OVER_30_MIN, "registerWindowMinutes",
                    "the register may stay open for at most " + RegisterPolicy.MAX_WINDOW_MINUTES
                            + " minutes, not " + policy.windowMinutes());
        }
    }

    /**
     * Section 3.1 of the rules: an automatic conversion (e.g. N to O after 5 school days) is still attributed to the
     * named person who owns the rule, with their position, never to a faceless "system".
     */
    @CommandHandler
    public void handle(SetAutomaticNConversion command) {
        if (command.by() == null || !command.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "by",
                    "the name and position of the person setting the policy are required");
        }
        if (command.enabled() && (command.owner() == null || !command.owner().hasNameAndPosition())) {
            throw new RuleViolation(ErrorCode.NO_POLICY_OWNER, "owner",
                    "automatic conversion needs a named owner with a position, to whom each conversion is attributed");
        }
        if (command.enabled() && (command.policyVersion() == null || command.policyVersion().isBlank())) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "policyVersion",
                    "the version of the school's policy is required: each conversion cites it");
        }
        apply(new AutomaticNConversionSet(urn, command.enabled(), command.enabled() ? command.owner() : null,
                command.enabled() ? command.policyVersion().strip() : null, command.by(), command.recordedAt()));
    }

    @EventSourcingHandler
    void on(SchoolRegistered event) {
        urn = event.urn();
    }

    @EventSourcingHandler
    void on(RegisterPolicyChanged event) {
        latestPolicyChange = event.effectiveFrom();
    }
}
