package org.attendanceledger.service.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.register.MarkRules;
import org.attendanceledger.register.RegisterEntryDecisions;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.school.RegisterPolicy;
import org.attendanceledger.service.calendar.CalendarDirectory;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.roll.DualRegistrationRules;
import org.attendanceledger.service.roll.RollDirectory;
import org.attendanceledger.service.roll.RollDirectory.RollPeriod;
import org.attendanceledger.service.school.SchoolDirectory.SchoolRecord;
import org.springframework.stereotype.Component;

/**
 * Checks every mark of a batch against the rules that span aggregates: the session exists in the school's calendar,
 * the pupil is on roll that day, the code is in force on the session date, lateness fits the code and the policy in
 * force on the session date, the session has started unless the code may be entered in advance (the rules
 * themselves are {@link MarkRules}), and a D has a dual registration behind it ({@link DualRegistrationRules}).
 * Every bad item is reported, so the MIS can fix the whole register in one go.
 */
@Component
public class MarkValidator {

    /** A planned closure is recorded with # on the closed session itself, so # is allowed where the school is shut. */
    static final String PLANNED_CLOSURE = "#";
    /** Z marks a session before the pupil's starting day; a pupil on roll is never Z. */
    static final String NOT_ON_ROLL_CODE = "Z";

    private final CalendarDirectory calendars;
    private final RollDirectory roll;
    private final DualRegistrationRules dualRegistration;

    public MarkValidator(CalendarDirectory calendars, RollDirectory roll, DualRegistrationRules dualRegistration) {
        this.calendars = calendars;
        this.roll = roll;
        this.dualRegistration = dualRegistration;
    }

    /** A valid item, with the minutes late derived from the arrival time where the MIS gave only the time. */
    public record Checked(MarkItem item, Integer minutesLate) {
    }

    public record Result(List<Checked> checked, List<ApiError> errors) {
    }

    public Result validate(SchoolRecord school, List<MarkItem> items) {
        Instant now = Instant.now();
        Map<AcademicYear, Optional<SchoolCalendar>> calendarCache = new HashMap<>();
        Map<String, List<RollPeriod>> periods = roll.periods(school.urn(),
                items.stream().map(MarkItem::upn).filter(upn -> upn != null).distinct().toList());
        List<ApiError> errors = new ArrayList<>();
        List<Checked> checked = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            MarkItem item = items.get(index);
            List<ApiError> itemErrors = new ArrayList<>();
            Integer minutesLate = check(index, item, school, calendarCache, periods, itemErrors, now);
            errors.addAll(itemErrors);
            checked.add(new Checked(item, minutesLate));
        }
        return new Result(checked, errors);
    }

    private Integer check(int index, MarkItem item, SchoolRecord school,
                          Map<AcademicYear, Optional<SchoolCalendar>> calendarCache,
                          Map<String, List<RollPeriod>> periods, List<ApiError> errors, Instant now) {
        if (item.upn() == null || item.date() == null || item.session() == null || item.code() == null) {
            errors.add(ApiError.of(index, missingField(item), ErrorCode.VALIDATION_FAILED,
                    "upn, date, session and code are required"));
            return item.minutesLate();
        }
        RegisterEntryDecisions.missingRecorder(item.recordedBy(), item.recordedAt())
                .forEach(violation -> errors.add(ApiError.of(index, violation)));
        Upn.violation(item.upn()).ifPresent(violation -> errors.add(ApiError.of(index, violation)));
        RegisterPolicy policy = school.registerPolicy(item.date());
        MarkRules.codeViolation(item.code(), item.date()).ifPresent(violation -> errors.add(ApiError.of(index, violation)));
        MarkRules.Lateness lateness = MarkRules.judgeLateness(item.code(), item.minutesLate(), item.arrivalTime(),
                item.session(), policy);
        lateness.violations().forEach(violation -> errors.add(ApiError.of(index, violation)));
        if (item.recordedAt() != null) {
            MarkRules.timingViolations(item.code(), item.date(), item.session(), policy, item.recordedAt(),
                    "recordedAt", now).forEach(violation -> errors.add(ApiError.of(index, violation)));
        }
        Integer minutesLate = lateness.minutesLate();

        Optional<SchoolCalendar> calendar = calendarCache.computeIfAbsent(AcademicYear.containing(item.date()),
                year -> calendars.find(school.urn(), year));
        Optional<RollPeriod> period = RollDirectory.periodCovering(periods.get(item.upn()), item.date());
        if (calendar.isEmpty()) {
            errors.add(ApiError.of(index, "date", ErrorCode.CALENDAR_NOT_PUBLISHED,
                    "the school has not published its calendar for " + AcademicYear.containing(item.date())));
        } else {
            checkSession(index, calendar.get(), item, period.map(p -> p.yearGroupOn(item.date())).orElse(null))
                    .ifPresent(errors::add);
        }
        if (period.isEmpty()) {
            errors.add(ApiError.of(index, "upn", ErrorCode.NOT_ON_ROLL,
                    "the pupil is not on the school's roll on " + item.date()));
        } else if (NOT_ON_ROLL_CODE.equals(item.code())) {
            errors.add(ApiError.of(index, "code", ErrorCode.CODE_NOT_FOR_PUPIL_ON_ROLL,
                    "Z means not yet on roll, but the pupil is on roll on " + item.date()
                            + ": an absence is recorded with an absence code"));
        } else {
            dualRegistration.refusal(school.urn(), item.upn(), item.date(), item.session(), item.code())
                    .ifPresent(violation -> errors.add(ApiError.of(index, violation)));
        }
        return minutesLate;
    }

    /**
     * A mark needs a session the pupil is expected at, except # which records a planned closure and so needs a
     * session the calendar closes (for the whole school or the pupil's year group).
     */
    static Optional<ApiError> checkSession(Integer index, SchoolCalendar calendar, MarkItem item, String yearGroup) {
        boolean open = calendar.isPupilSession(item.date(), item.session(), yearGroup);
        if (PLANNED_CLOSURE.equals(item.code())) {
            if (!calendar.isTermWeekday(item.date())) {
                return Optional.of(ApiError.of(index, "session", ErrorCode.NO_SUCH_SESSION,
                        "the school has no " + item.session() + " session on " + item.date()));
            }
            return open ? Optional.of(ApiError.of(index, "code", ErrorCode.NO_PLANNED_CLOSURE,
                    "the calendar does not close this session: a planned closure is recorded in the calendar first"))
                    : Optional.empty();
        }
        return open ? Optional.empty() : Optional.of(ApiError.of(index, "session", ErrorCode.NO_SUCH_SESSION,
                "the school has no " + item.session() + " session for this pupil on " + item.date()));
    }

    private static String missingField(MarkItem item) {
        if (item.upn() == null) {
            return "upn";
        }
        if (item.date() == null) {
            return "date";
        }
        return item.session() == null ? "session" : "code";
    }

}
