package org.attendanceledger.service.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.calendar.api.CalendarOutcome;
import org.attendanceledger.calendar.api.PublishCalendar;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schools/{urn}/calendars")
@Tag(name = "School set-up", description = "Calendars, staff grants and the admission register")
public class CalendarController {

    private final CommandSender commands;
    private final SchoolDirectory schools;
    private final CalendarDirectory calendars;
    private final Caller caller;

    public CalendarController(CommandSender commands, SchoolDirectory schools, CalendarDirectory calendars,
                              Caller caller) {
        this.commands = commands;
        this.schools = schools;
        this.calendars = calendars;
        this.caller = caller;
    }

    public record TermDates(@NotNull LocalDate start, @NotNull LocalDate end) {
    }

    /** A closure of the whole school, or of some year groups only (a partial closure such as a staggered start). */
    public record ClosureDates(@NotNull LocalDate date, @NotNull SessionScope session, String reason,
                               Set<String> yearGroups) {
    }

    public record CalendarRequest(@NotNull @Valid List<TermDates> terms, @Valid List<ClosureDates> closures,
                                  Actor by, String reason) {
    }

    public record CalendarView(String urn, String academicYear, long version, String result, List<Term> terms,
                               List<Closure> closures, int pupilSessions) {
    }

    @PutMapping("/{academicYear}")
    @Operation(summary = "Publish the calendar for an academic year; re-publishing is an audited amendment (reason required)")
    public CalendarView publish(@PathVariable String urn, @PathVariable String academicYear,
                                @Valid @RequestBody CalendarRequest request, HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        AcademicYear year = parseYear(academicYear);
        List<Term> terms = request.terms().stream().map(t -> new Term(t.start(), t.end())).toList();
        List<Closure> closures = request.closures() == null ? List.of() : request.closures().stream()
                .map(c -> new Closure(c.date(), c.session(), c.reason(),
                        c.yearGroups() == null ? Set.of() : Set.copyOf(c.yearGroups())))
                .toList();
        Instant now = Instant.now();
        CalendarOutcome outcome = commands.send(new PublishCalendar(PublishCalendar.calendarId(urn, year.toString()),
                urn, year.toString(), terms, closures, request.by(), request.reason(), now),
                RequestMetadata.of(now, caller.apiKeyId(http)));
        SchoolCalendar calendar = calendars.find(urn, year).orElseThrow();
        return view(urn, calendar, outcome.version(), outcome.result().name());
    }

    @GetMapping("/{academicYear}")
    @Operation(summary = "The calendar in force for an academic year")
    public CalendarView get(@PathVariable String urn, @PathVariable String academicYear) {
        KnownSchools.require(schools, urn);
        AcademicYear year = parseYear(academicYear);
        SchoolCalendar calendar = calendars.find(urn, year).orElseThrow(() -> RequestRejected.single(
                HttpStatus.NOT_FOUND, ErrorCode.CALENDAR_NOT_PUBLISHED, "academicYear",
                "no calendar published for " + year));
        return view(urn, calendar, calendars.version(urn, year).orElse(0L), "CURRENT");
    }

    private static CalendarView view(String urn, SchoolCalendar calendar, long version, String result) {
        AcademicYear year = calendar.academicYear();
        return new CalendarView(urn, year.toString(), version, result, calendar.terms(), calendar.closures(),
                calendar.countPupilSessions(year.firstDay(), year.lastDay(), null));
    }

    private static AcademicYear parseYear(String academicYear) {
        try {
            return AcademicYear.parse(academicYear);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED,
                    "academicYear", e.getMessage());
        }
    }
}
