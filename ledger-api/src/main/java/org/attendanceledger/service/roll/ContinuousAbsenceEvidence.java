package org.attendanceledger.service.roll;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.attendance.ContinuousAbsenceGround.Assessment;
import org.attendanceledger.attendance.ContinuousAbsenceGround.BrokenAt;
import org.attendanceledger.attendance.ContinuousAbsenceGround.TooFewSchoolDays;
import org.attendanceledger.attendance.ContinuousAbsenceGround.Window;
import org.attendanceledger.attendance.ContinuousAbsenceGround;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.calendar.CalendarDirectory;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.register.RegisterEntryDirectory;
import org.attendanceledger.service.roll.RollDirectory.RollPeriod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks deletion ground (i), 20 school days' continuous absence, against the ledger's own register (rules 8.3): the
 * school days and sessions are the pupil's as the mark validator sees them (the school's published calendars, the
 * pupil's year group on each date, the stay being ended), the codes are the current code of each entry.
 *
 * <p>It reads the write side's lookups before the deletion is sent, as every cross-aggregate check does; a mark
 * amended between the check and the deletion is not seen by it.
 */
@Component
class ContinuousAbsenceEvidence {

    private final CalendarDirectory calendars;
    private final RollDirectory roll;
    private final RegisterEntryDirectory entries;

    ContinuousAbsenceEvidence(CalendarDirectory calendars, RollDirectory roll, RegisterEntryDirectory entries) {
        this.calendars = calendars;
        this.roll = roll;
        this.entries = entries;
    }

    /**
     * Refuses with 422 DELETION_GROUND_NOT_MET unless the register bears out the ground for the open stay ending on
     * {@code lastDayOnRoll}. With no open stay, or a last day the enrolment refuses anyway (before the day before the
     * starting day), there is nothing to assess here: the enrolment itself answers (a retried deletion stores
     * nothing; otherwise NOT_ON_ROLL or VALIDATION_FAILED).
     */
    void require(String urn, String upn, LocalDate lastDayOnRoll) {
        Optional<RollPeriod> open = roll.periods(urn, List.of(upn)).getOrDefault(upn, List.of()).stream()
                .filter(period -> period.lastDayOnRoll() == null).findFirst();
        if (open.isEmpty() || lastDayOnRoll.isBefore(open.get().startingDay().minusDays(1))) {
            return;
        }
        PupilSchedule schedule = new PupilSchedule(calendars.timeline(urn), List.of(open.get().endingOn(lastDayOnRoll)));
        Window window = ContinuousAbsenceGround.window(schedule, lastDayOnRoll);
        Assessment assessment = ContinuousAbsenceGround.assess(window,
                entries.currentCodes(urn, upn, window.sessions()));
        String rule = "ground CONTINUOUS_ABSENCE_20_DAYS needs the " + ContinuousAbsenceGround.SCHOOL_DAYS
                + " school days ending on the last day on roll, " + lastDayOnRoll + ", coded G, N or O in every session";
        if (assessment instanceof BrokenAt broken) {
            throw notMet(rule + "; " + broken.session().date() + " " + broken.session().session() + " is "
                    + (broken.code() == null ? "not marked" : "coded " + broken.code()));
        }
        if (assessment instanceof TooFewSchoolDays tooFew) {
            throw notMet(rule + "; the pupil has only " + tooFew.schoolDays() + " school days on roll by then");
        }
    }

    private static RequestRejected notMet(String detail) {
        return RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.DELETION_GROUND_NOT_MET,
                "lastDayOnRoll", detail);
    }
}
