package org.attendanceledger.service.roll;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.service.calendar.CalendarDirectory;
import org.attendanceledger.service.roll.RollDirectory.DualLink;
import org.springframework.stereotype.Component;

/**
 * When a school may record {@code D} (rules 8.2): D says the pupil is expected at the other school of a dual
 * registration, so it is accepted only for a pupil whose stay here is linked to a stay at another school covering the
 * session's date, and only when that school's calendar has the session for the pupil (their year group there). When
 * every linked school is shut, the pupil is expected nowhere else and the session takes this school's own mark.
 * Posted registers and amendments both ask here.
 */
@Component
public class DualRegistrationRules {

    /** Dual registered: pupil expected at the other school. */
    public static final String DUAL_REGISTERED_CODE = "D";

    private final RollDirectory roll;
    private final CalendarDirectory calendars;

    public DualRegistrationRules(RollDirectory roll, CalendarDirectory calendars) {
        this.roll = roll;
        this.calendars = calendars;
    }

    /** Why the code may not stand for the pupil's session at the school, if it is a D that may not; else empty. */
    public Optional<RuleViolation> refusal(String urn, String upn, LocalDate date, Session session, String code) {
        if (!DUAL_REGISTERED_CODE.equals(code)) {
            return Optional.empty();
        }
        List<DualLink> links = roll.dualLinksOn(urn, upn, date);
        if (links.isEmpty()) {
            return Optional.of(new RuleViolation(ErrorCode.NOT_DUAL_REGISTERED, "code",
                    "D means the pupil is expected at another school, but on " + date
                            + " the pupil is not dual registered with a school they are on roll at"));
        }
        boolean expectedElsewhere = links.stream().anyMatch(link -> calendars
                .find(link.otherUrn(), AcademicYear.containing(date))
                .map(calendar -> calendar.isPupilSession(date, session, link.otherStay().yearGroupOn(date)))
                .orElse(false));
        if (!expectedElsewhere) {
            return Optional.of(new RuleViolation(ErrorCode.NO_SESSION_AT_OTHER_SCHOOL, "code",
                    "no school the pupil is dual registered with has a " + session + " session for the pupil on "
                            + date + " in its published calendar: the session takes this school's own mark"));
        }
        return Optional.empty();
    }
}
