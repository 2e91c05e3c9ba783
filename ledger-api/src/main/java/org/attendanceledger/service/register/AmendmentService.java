package org.attendanceledger.service.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.register.MarkRules;
import org.attendanceledger.register.RegisterEntryDecisions;
import org.attendanceledger.register.api.AmendMark;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.school.RegisterPolicy;
import org.attendanceledger.service.calendar.CalendarDirectory;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.roll.DualRegistrationRules;
import org.attendanceledger.service.roll.RollDirectory;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory.SchoolRecord;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Amends one register entry: the five audit items are checked first, then the entry decides. */
@Service
public class AmendmentService {

    private final SchoolDirectory schools;
    private final RegisterEntryDirectory entries;
    private final CalendarDirectory calendars;
    private final RollDirectory roll;
    private final CommandSender commands;
    private final DualRegistrationRules dualRegistration;

    public AmendmentService(SchoolDirectory schools, RegisterEntryDirectory entries, CalendarDirectory calendars,
                            RollDirectory roll, CommandSender commands, DualRegistrationRules dualRegistration) {
        this.dualRegistration = dualRegistration;
        this.schools = schools;
        this.entries = entries;
        this.calendars = calendars;
        this.roll = roll;
        this.commands = commands;
    }

    /** An amendment as posted. */
    public record Amendment(String code, Integer minutesLate, java.time.LocalTime arrivalTime, String reason,
                            Actor amendedBy, java.time.Instant amendedAt, Long expectedVersion) {
    }

    public AmendmentOutcome amend(String urn, String upn, LocalDate date, Session session, Amendment amendment,
                                  RequestMetadata request) {
        SchoolRecord school = KnownSchools.require(schools, urn);
        requireAuditItems(amendment);
        if (amendment.code() == null || amendment.code().isBlank()) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "code",
                    "the amended code is required");
        }
        Upn.requireValid(upn);
        if (entries.find(urn, upn, date, session).isEmpty()) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.NO_ORIGINAL_ENTRY, null,
                    "there is no original entry for this pupil and session to amend");
        }
        MarkItem asItem = new MarkItem(upn, date, session, amendment.code(), amendment.minutesLate(),
                amendment.arrivalTime(), amendment.amendedBy(), amendment.amendedAt(), null);
        List<ApiError> errors = new ArrayList<>();
        RegisterPolicy policy = school.registerPolicy(date);
        MarkRules.timingViolations(amendment.code(), date, session, policy, amendment.amendedAt(), "amendedAt",
                Instant.now()).forEach(violation -> errors.add(ApiError.of(null, violation)));
        checkClosureCodes(urn, upn, asItem).ifPresent(errors::add);
        dualRegistration.refusal(urn, upn, date, session, amendment.code())
                .ifPresent(violation -> errors.add(ApiError.of(null, violation)));
        MarkRules.Lateness lateness = MarkRules.judgeLateness(amendment.code(), amendment.minutesLate(),
                amendment.arrivalTime(), session, policy);
        lateness.violations().forEach(violation -> errors.add(ApiError.of(null, violation)));
        Integer minutesLate = lateness.minutesLate();
        if (!errors.isEmpty()) {
            throw MarkIngestService.rejected(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, errors,
                    "the amendment was rejected: nothing was stored");
        }
        return commands.send(AmendMark.of(urn, upn, date, session, amendment.code(), minutesLate,
                amendment.arrivalTime(), amendment.reason(), amendment.amendedBy(), amendment.amendedAt(),
                amendment.expectedVersion()), request);
    }

    /** Z and # follow the same rules as in a posted register: never Z on roll, # only where the calendar closes. */
    private Optional<ApiError> checkClosureCodes(String urn, String upn, MarkItem item) {
        if (MarkValidator.NOT_ON_ROLL_CODE.equals(item.code())) {
            return Optional.of(ApiError.of(null, "code", ErrorCode.CODE_NOT_FOR_PUPIL_ON_ROLL,
                    "Z means not yet on roll, but this session has an entry for a pupil on roll"));
        }
        if (!MarkValidator.PLANNED_CLOSURE.equals(item.code())) {
            return Optional.empty();
        }
        String yearGroup = RollDirectory.periodCovering(roll.periods(urn, List.of(upn)).get(upn), item.date())
                .map(period -> period.yearGroupOn(item.date())).orElse(null);
        return calendars.find(urn, AcademicYear.containing(item.date()))
                .flatMap(calendar -> MarkValidator.checkSession(null, calendar, item, yearGroup));
    }

    private static void requireAuditItems(Amendment amendment) {
        List<ApiError> missing = RegisterEntryDecisions.missingAuditItems(amendment.reason(), amendment.amendedBy(),
                amendment.amendedAt()).stream().map(violation -> ApiError.of(null, violation)).toList();
        if (!missing.isEmpty()) {
            throw new RequestRejected(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.AMENDMENT_FIELDS_MISSING,
                    "an amendment must show the reason, the date, and the name and position of who made it",
                    missing);
        }
    }
}
