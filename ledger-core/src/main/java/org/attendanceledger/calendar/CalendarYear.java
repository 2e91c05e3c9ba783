package org.attendanceledger.calendar;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.calendar.api.CalendarAmended;
import org.attendanceledger.calendar.api.CalendarOutcome;
import org.attendanceledger.calendar.api.CalendarPublished;
import org.attendanceledger.calendar.api.PublishCalendar;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.common.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A school's calendar for one academic year. Sessions, school days and school weeks all derive from it, so changing
 * it is an audited amendment, never an overwrite.
 */
public class CalendarYear {

    @AggregateIdentifier
    private String calendarId;
    private List<Term> terms;
    private List<Closure> closures;
    private long version;

    protected CalendarYear() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CalendarOutcome handle(PublishCalendar command) {
        AcademicYear year = AcademicYear.parse(command.academicYear());
        validate(year, command.terms(), command.closures());
        if (command.by() == null || !command.by().hasNameAndPosition()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "by",
                    "the name and position of the person publishing the calendar are required");
        }
        if (terms == null) {
            apply(new CalendarPublished(command.calendarId(), command.urn(), command.academicYear(),
                    List.copyOf(command.terms()), List.copyOf(command.closures()), command.by(),
                    command.recordedAt()));
            return new CalendarOutcome(CalendarOutcome.Result.PUBLISHED, version);
        }
        if (terms.equals(command.terms()) && closures.equals(command.closures())) {
            return new CalendarOutcome(CalendarOutcome.Result.UNCHANGED, version);
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation(ErrorCode.AMENDMENT_FIELDS_MISSING, "reason",
                    "re-publishing a calendar amends it: a reason is required");
        }
        apply(new CalendarAmended(calendarId, command.urn(), command.academicYear(), terms, closures,
                List.copyOf(command.terms()), List.copyOf(command.closures()), command.reason().strip(),
                LedgerClock.localDate(command.recordedAt()), command.by(), command.recordedAt()));
        return new CalendarOutcome(CalendarOutcome.Result.AMENDED, version);
    }

    private static void validate(AcademicYear year, List<Term> terms, List<Closure> closures) {
        if (terms == null || terms.isEmpty()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "terms", "a calendar needs at least one term");
        }
        List<Term> sorted = new ArrayList<>(terms);
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        Term previous = null;
        for (Term term : sorted) {
            if (!year.contains(term.start()) || !year.contains(term.end())) {
                throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "terms",
                        "term " + term.start() + " to " + term.end() + " lies outside the academic year " + year);
            }
            if (previous != null && !term.start().isAfter(previous.end())) {
                throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "terms",
                        "terms overlap: " + previous.start() + " to " + previous.end() + " and " + term.start());
            }
            previous = term;
        }
        for (Closure closure : closures == null ? List.<Closure>of() : closures) {
            if (!year.contains(closure.date())) {
                throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "closures",
                        "closure on " + closure.date() + " lies outside the academic year " + year);
            }
        }
    }

    @EventSourcingHandler
    void on(CalendarPublished event) {
        calendarId = event.calendarId();
        terms = event.terms();
        closures = event.closures();
        version = 1;
    }

    @EventSourcingHandler
    void on(CalendarAmended event) {
        terms = event.terms();
        closures = event.closures();
        version++;
    }
}
