package org.attendanceledger.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.MarkOutcome;
import org.attendanceledger.register.api.RecordMark;
import org.attendanceledger.register.api.RegisterEntryEvent;
import org.attendanceledger.staff.AuthorisedPersons;
import org.attendanceledger.staff.api.GrantScope;

/**
 * Everything a register entry decides, as pure functions: {@code decide} takes a command and the entry's state and
 * answers the events to store (none for a duplicate) and the outcome, or throws the {@link RuleViolation} that
 * refuses it; {@code evolve} folds an event into the state. The aggregate {@link RegisterEntry}, a posted register's
 * check of a session it gives twice, and the validation of a posted register all call these, so each rule of an entry
 * (duplicate or conflict, the audit items, the code in force, minutes late) and each of its messages exists once.
 */
public final class RegisterEntryDecisions {

    private RegisterEntryDecisions() {
    }

    /** The code and lateness an entry reads at one point of its chain. */
    public record Entry(String code, Integer minutesLate) {
    }

    /**
     * What the decisions read: the entry as its events left it. {@link #NONE} is a session with no entry yet, whose
     * only possible event is the original entry.
     */
    public record EntryState(String entryId, String urn, String upn, LocalDate date, Session session, Entry original,
                             Entry current, long version, AttendanceMarkAmended lastAmendment) {

        public static final EntryState NONE = new EntryState(null, null, null, null, null, null, null, 0, null);

        public boolean exists() {
            return original != null;
        }
    }

    /** The events a decision stores, in order (none when the command changes nothing), and what it answers. */
    public record Decision<O>(List<RegisterEntryEvent> events, O outcome) {
    }

    /**
     * A posted mark. A session with no entry gets its original entry; a session with one is left alone when the mark
     * is its original or current entry again (a retried or re-synced register stores nothing twice), and any other
     * mark is a conflict, because a change must be posted as an amendment with its five audit items.
     */
    public static Decision<MarkOutcome> decide(RecordMark command, EntryState state) {
        if (state.exists()) {
            Entry posted = new Entry(command.code(), command.minutesLate());
            if (posted.equals(state.original()) || posted.equals(state.current())) {
                return new Decision<>(List.of(),
                        new MarkOutcome(MarkOutcome.Status.DUPLICATE, state.version(), state.current().code()));
            }
            throw new RuleViolation(ErrorCode.MARK_CONFLICT, "code", "session already has the entry "
                    + state.current().code() + "; a change must be posted as an amendment");
        }
        List<RuleViolation> violations = originalEntryViolations(command);
        if (!violations.isEmpty()) {
            throw violations.get(0);
        }
        AttendanceMarkRecorded recorded = new AttendanceMarkRecorded(command.entryId(), command.urn(), command.upn(),
                command.date(), command.session(), command.code(),
                MarkRules.requireValidCode(command.code(), command.date()), command.minutesLate(),
                command.arrivalTime(), command.recordedBy(), command.recordedAt());
        return new Decision<>(List.of(recorded),
                new MarkOutcome(MarkOutcome.Status.RECORDED, evolve(state, recorded).version(), command.code()));
    }

    /**
     * Every rule an original entry breaks on its own, in the order a school would fix them: who recorded it and when,
     * the code in force on the session date, minutes late only with L or U. Validation of a posted register reports
     * them all; {@link #decide(RecordMark, EntryState)} refuses the first.
     */
    public static List<RuleViolation> originalEntryViolations(RecordMark command) {
        List<RuleViolation> violations = new ArrayList<>(missingRecorder(command.recordedBy(), command.recordedAt()));
        if (command.code() != null && command.date() != null) {
            MarkRules.codeViolation(command.code(), command.date()).ifPresent(violations::add);
        }
        MarkRules.minutesLateViolation(command.code(), command.minutesLate()).ifPresent(violations::add);
        return violations;
    }

    /** An original entry names who recorded it (name and position) and when: the audit rule's first items. */
    public static List<RuleViolation> missingRecorder(Actor recordedBy, Instant recordedAt) {
        List<RuleViolation> missing = new ArrayList<>();
        if (recordedBy == null || !recordedBy.hasNameAndPosition()) {
            missing.add(new RuleViolation(ErrorCode.VALIDATION_FAILED, "recordedBy",
                    "recordedBy must give the name and position of the person who took the register"));
        }
        if (recordedAt == null) {
            missing.add(new RuleViolation(ErrorCode.VALIDATION_FAILED, "recordedAt",
                    "recordedAt, when the register was taken, is required"));
        }
        return missing;
    }

    /**
     * The audit items an amendment must carry besides the amended entry itself (rules 3.2): the reason, the date, and
     * the name and position of the person making it. One violation per missing item, so a school sees them all.
     */
    public static List<RuleViolation> missingAuditItems(String reason, Actor amendedBy, Instant amendedAt) {
        List<RuleViolation> missing = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            missing.add(new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "reason",
                    "the reason for the amendment is required"));
        }
        if (amendedBy == null || amendedBy.name() == null || amendedBy.name().isBlank()) {
            missing.add(new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "amendedBy.name",
                    "the name of the person amending is required"));
        }
        if (amendedBy == null || amendedBy.position() == null || amendedBy.position().isBlank()) {
            missing.add(new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "amendedBy.position",
                    "the position of the person amending is required"));
        }
        if (amendedAt == null) {
            missing.add(new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "amendedAt",
                    "the date of the amendment is required"));
        }
        return missing;
    }

    /**
     * An amendment of an existing entry. Sending the last amendment again answers it again and stores nothing; a
     * stale {@code expectedVersion} is a conflict; the audit items, the code in force and minutes late are checked
     * like an original entry's; an amendment that changes nothing is refused; and one that decides authorisation
     * needs a person holding an AUTHORISE_ABSENCE grant on the day it is made.
     */
    public static Decision<AmendmentOutcome> decide(AmendMark command, EntryState state,
                                                    AuthorisedPersons authorisedPersons) {
        if (isReplayOfLastAmendment(command, state.lastAmendment())) {
            AttendanceMarkAmended last = state.lastAmendment();
            return new Decision<>(List.of(),
                    new AmendmentOutcome(state.version(), last.previousCode(), last.code(), true));
        }
        if (command.expectedVersion() != null && command.expectedVersion() != state.version()) {
            throw new RuleViolation(ErrorCode.VERSION_CONFLICT, "expectedVersion",
                    "entry is at version " + state.version() + ", not " + command.expectedVersion());
        }
        List<RuleViolation> missing = missingAuditItems(command.reason(), command.amendedBy(), command.amendedAt());
        if (!missing.isEmpty()) {
            throw missing.get(0);
        }
        String codeSetVersion = MarkRules.requireValidCode(command.code(), state.date());
        MarkRules.minutesLateViolation(command.code(), command.minutesLate()).ifPresent(violation -> {
            throw violation;
        });
        Entry amended = new Entry(command.code(), command.minutesLate());
        if (amended.equals(state.current())) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "code",
                    "the amendment changes nothing: the entry already reads " + state.current().code());
        }
        LocalDate amendedOn = LedgerClock.localDate(command.amendedAt());
        authorisedPersons.requireHolder(state.urn(), command.amendedBy(), "amendedBy.name");
        if (decidesAuthorisation(state.current().code(), command.code(), state.date())
                && !authorisedPersons.actorHolds(state.urn(), command.amendedBy(), GrantScope.AUTHORISE_ABSENCE,
                        amendedOn)) {
            throw new RuleViolation(ErrorCode.ACTOR_NOT_AUTHORISED, "amendedBy.staffId",
                    "changing " + state.current().code() + " to " + command.code()
                            + " decides authorisation and needs an AUTHORISE_ABSENCE grant on " + amendedOn);
        }
        AttendanceMarkAmended amendment = new AttendanceMarkAmended(state.entryId(), state.urn(), command.upn(),
                state.date(), state.session(), state.current().code(), state.current().minutesLate(), command.code(),
                codeSetVersion, command.minutesLate(), command.arrivalTime(), command.reason().strip(), amendedOn,
                command.amendedAt(), command.amendedBy(), command.mechanism());
        return new Decision<>(List.of(amendment), new AmendmentOutcome(evolve(state, amendment).version(),
                state.current().code(), command.code(), false));
    }

    /** The entry after one more event of its chain. */
    public static EntryState evolve(EntryState state, RegisterEntryEvent event) {
        if (event instanceof AttendanceMarkRecorded recorded) {
            Entry original = new Entry(recorded.code(), recorded.minutesLate());
            return new EntryState(recorded.entryId(), recorded.urn(), recorded.upn(), recorded.date(),
                    recorded.session(), original, original, 1, null);
        }
        AttendanceMarkAmended amended = (AttendanceMarkAmended) event;
        return new EntryState(state.entryId(), state.urn(), state.upn(), state.date(), state.session(),
                state.original(), new Entry(amended.code(), amended.minutesLate()), state.version() + 1, amended);
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

    private static boolean isReplayOfLastAmendment(AmendMark command, AttendanceMarkAmended last) {
        return last != null
                && Objects.equals(last.code(), command.code())
                && Objects.equals(last.minutesLate(), command.minutesLate())
                && Objects.equals(last.amendedAt(), command.amendedAt())
                && Objects.equals(last.amendedBy(), command.amendedBy())
                && command.reason() != null && Objects.equals(last.reason(), command.reason().strip());
    }
}
