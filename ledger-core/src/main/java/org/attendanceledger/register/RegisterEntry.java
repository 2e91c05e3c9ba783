package org.attendanceledger.register;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.staff.AuthorisedPersons;
import org.attendanceledger.staff.api.GrantScope;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One register entry: a pupil's mark for one session. Its stream is the legal audit chain: the first event is the
 * original entry and every later event is an amendment carrying the five audit items. Nothing is ever overwritten.
 */
public class RegisterEntry {

    @AggregateIdentifier
    private String entryId;
    private String urn;
    private LocalDate date;
    private Session session;
    private Entry original;
    private Entry current;
    private AttendanceMarkAmended lastAmendment;
    private long version;

    /** The code and lateness an entry reads at one point of its chain. */
    private record Entry(String code, Integer minutesLate) {
    }

    protected RegisterEntry() {
        // required by Axon to rebuild the entry from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MarkOutcome handle(RecordMark command) {
        Entry posted = new Entry(command.code(), command.minutesLate());
        if (original != null) {
            // A retried or re-synced register must not store anything twice; any other change is an amendment.
            if (posted.equals(original) || posted.equals(current)) {
                return new MarkOutcome(MarkOutcome.Status.DUPLICATE, version, current.code());
            }
            throw new RuleViolation(ErrorCode.MARK_CONFLICT, "code",
                    "session already has the entry " + current.code() + "; a change must be posted as an amendment");
        }
        apply(originalEntry(command));
        return new MarkOutcome(MarkOutcome.Status.RECORDED, version, command.code());
    }

    /**
     * The original entry a mark makes for a session that has none: the decision of this aggregate when its stream is
     * empty. A posted register uses it directly for entries it knows to be new (no state to load); the event store's
     * unique (stream, sequence) key still guarantees that a session gets one original entry only.
     */
    public static AttendanceMarkRecorded originalEntry(RecordMark command) {
        String codeSetVersion = MarkRules.requireValidCode(command.code(), command.date());
        throwIfPresent(MarkRules.minutesLateViolation(command.code(), command.minutesLate()));
        return new AttendanceMarkRecorded(command.entryId(), command.urn(), command.upn(), command.date(),
                command.session(), command.code(), codeSetVersion, command.minutesLate(), command.arrivalTime(),
                command.recordedBy(), command.recordedAt());
    }

    @CommandHandler
    public AmendmentOutcome handle(AmendMark command, AuthorisedPersons authorisedPersons) {
        if (isReplayOfLastAmendment(command)) {
            return new AmendmentOutcome(version, lastAmendment.previousCode(), lastAmendment.code(), true);
        }
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new RuleViolation(ErrorCode.VERSION_CONFLICT, "expectedVersion",
                    "entry is at version " + version + ", not " + command.expectedVersion());
        }
        requireAuditFields(command);
        String codeSetVersion = MarkRules.requireValidCode(command.code(), date);
        throwIfPresent(MarkRules.minutesLateViolation(command.code(), command.minutesLate()));
        Entry amended = new Entry(command.code(), command.minutesLate());
        if (amended.equals(current)) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "code",
                    "the amendment changes nothing: the entry already reads " + current.code());
        }
        LocalDate amendedOn = LedgerClock.localDate(command.amendedAt());
        authorisedPersons.requireHolder(urn, command.amendedBy(), "amendedBy.name");
        if (decidesAuthorisation(current.code(), command.code(), date)
                && !authorisedPersons.actorHolds(urn, command.amendedBy(), GrantScope.AUTHORISE_ABSENCE, amendedOn)) {
            throw new RuleViolation(ErrorCode.ACTOR_NOT_AUTHORISED, "amendedBy.staffId",
                    "changing " + current.code() + " to " + command.code()
                            + " decides authorisation and needs an AUTHORISE_ABSENCE grant on " + amendedOn);
        }
        apply(new AttendanceMarkAmended(entryId, urn, command.upn(), date, session, current.code(),
                current.minutesLate(), command.code(), codeSetVersion, command.minutesLate(), command.arrivalTime(),
                command.reason().strip(), amendedOn, command.amendedAt(), command.amendedBy(), command.mechanism()));
        return new AmendmentOutcome(version, lastAmendment.previousCode(), command.code(), false);
    }

    @EventSourcingHandler
    void on(AttendanceMarkRecorded event) {
        entryId = event.entryId();
        urn = event.urn();
        date = event.date();
        session = event.session();
        original = new Entry(event.code(), event.minutesLate());
        current = original;
        version = 1;
    }

    @EventSourcingHandler
    void on(AttendanceMarkAmended event) {
        current = new Entry(event.code(), event.minutesLate());
        lastAmendment = event;
        version++;
    }

    /**
     * Authorising an absence, or withdrawing an authorisation, is a decision only an authorised person may make
     * (section 3.3 of the domain rules): an amendment decides it when the code before or after it is an authorised
     * absence. Correcting an unexplained absence to a late or present mark, or from N to O or G, decides nothing
     * about authorisation and is routine data entry.
     */
    static boolean decidesAuthorisation(String fromCode, String toCode, LocalDate sessionDate) {
        CodeCatalogue catalogue = CodeCatalogue.national();
        return !fromCode.equals(toCode)
                && (catalogue.categoryOf(fromCode, sessionDate) == CodeCategory.AUTHORISED_ABSENCE
                        || catalogue.categoryOf(toCode, sessionDate) == CodeCategory.AUTHORISED_ABSENCE);
    }

    private boolean isReplayOfLastAmendment(AmendMark command) {
        return lastAmendment != null
                && Objects.equals(lastAmendment.code(), command.code())
                && Objects.equals(lastAmendment.minutesLate(), command.minutesLate())
                && Objects.equals(lastAmendment.amendedAt(), command.amendedAt())
                && Objects.equals(lastAmendment.amendedBy(), command.amendedBy())
                && command.reason() != null && Objects.equals(lastAmendment.reason(), command.reason().strip());
    }

    private static void requireAuditFields(AmendMark command) {
        boolean missing = command.reason() == null || command.reason().isBlank()
                || command.amendedBy() == null || !command.amendedBy().hasNameAndPosition()
                || command.amendedAt() == null;
        if (missing) {
            throw new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "reason",
                    "an amendment must carry the reason, the date, and the name and position of the person making it");
        }
    }

    private static void throwIfPresent(Optional<RuleViolation> violation) {
        if (violation.isPresent()) {
            throw violation.get();
        }
    }
}
