package org.attendanceledger.register;

import org.attendanceledger.register.RegisterEntryDecisions.Decision;
import org.attendanceledger.register.RegisterEntryDecisions.EntryState;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.register.api.RegisterEntryEvent;
import org.attendanceledger.staff.AuthorisedPersons;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One register entry: a pupil's mark for one session. Its stream is the legal audit chain: the first event is the
 * original entry and every later event is an amendment carrying the five audit items. Nothing is ever overwritten.
 * The entry decides nothing itself: it hands its state to {@link RegisterEntryDecisions} and applies what comes back.
 */
public class RegisterEntry {

    @AggregateIdentifier
    private String entryId;
    private EntryState state = EntryState.NONE;
    /** What the creating post was answered (only on an instance {@link #original} made); not state of the entry. */
    private transient MarkOutcome created;

    protected RegisterEntry() {
        // required by Axon to rebuild the entry from its events
    }

    /**
     * The original entry of a session known to have none, created by a posted register's unit of work through
     * {@code Repository.newInstance}: Axon gives the event its aggregate type, sequence 0 and the command's
     * correlation metadata, and no stream is loaded first. Should another request have created the entry meanwhile,
     * the event store's unique (stream, sequence) key refuses this one at commit.
     */
    public static RegisterEntry original(RecordMark command) {
        RegisterEntry entry = new RegisterEntry();
        entry.created = entry.handle(command);
        return entry;
    }

    /** The answer to the post that created this entry through {@link #original}. */
    public MarkOutcome creationOutcome() {
        return created;
    }

    /** The entry as its events have left it. */
    public EntryState state() {
        return state;
    }

    /** A mark for a session whose entry may exist: its stream is loaded and the decision reads it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MarkOutcome handle(RecordMark command) {
        return applied(RegisterEntryDecisions.decide(command, state));
    }

    @CommandHandler
    public AmendmentOutcome handle(AmendMark command, AuthorisedPersons authorisedPersons) {
        return applied(RegisterEntryDecisions.decide(command, state, authorisedPersons));
    }

    @EventSourcingHandler
    void on(RegisterEntryEvent event) {
        state = RegisterEntryDecisions.evolve(state, event);
        entryId = state.entryId();
    }

    private static <O> O applied(Decision<O> decision) {
        decision.events().forEach(AggregateLifecycle::apply);
        return decision.outcome();
    }
}
