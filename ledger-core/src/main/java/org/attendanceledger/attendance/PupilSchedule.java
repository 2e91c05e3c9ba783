package org.attendanceledger.attendance;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;

/**
 * The sessions a pupil is expected at one school: that school's pupil sessions for the pupil's year group on each date
 * (terms minus whole-school closures and the closures of that year group), on the days the pupil is on roll.
 *
 * <p>Only a mark on a scheduled session counts. A mark left on a session the calendar no longer has (after a
 * re-publication), or dated outside every stay, stays in the register but counts towards nothing.
 */
public final class PupilSchedule {

    private final SchoolTimeline timeline;
    private final List<RollStay> stays;

    public PupilSchedule(SchoolTimeline timeline, List<RollStay> stays) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.stays = Objects.requireNonNull(stays, "stays").stream()
                .sorted(Comparator.comparing(RollStay::startingDay))
                .toList();
    }

    public SchoolTimeline timeline() {
        return timeline;
    }

    public List<RollStay> stays() {
        return stays;
    }

    public boolean isScheduled(LocalDate date, Session session) {
        for (RollStay stay : stays) {
            if (stay.covers(date)) {
                return timeline.isPupilSession(date, session, stay.yearGroupOn(date));
            }
        }
        return false;
    }

    /** The sessions scheduled for the pupil between the two dates, both inclusive, in order. */
    public List<SessionSlot> scheduledSessions(LocalDate fromInclusive, LocalDate toInclusive) {
        return timeline.schoolSessions(fromInclusive, toInclusive).stream()
                .filter(slot -> isScheduled(slot.date(), slot.session()))
                .toList();
    }

    /** The scheduled sessions between the two dates, both inclusive. */
    public int countScheduled(LocalDate fromInclusive, LocalDate toInclusive) {
        int count = 0;
        for (RollStay stay : stays) {
            LocalDate from = fromInclusive.isAfter(stay.startingDay()) ? fromInclusive : stay.startingDay();
            LocalDate to = stay.lastDayOnRoll() == null || toInclusive.isBefore(stay.lastDayOnRoll())
                    ? toInclusive : stay.lastDayOnRoll();
            // The year group changes only on 1 September, so each academic year is counted with its own.
            for (LocalDate yearFrom = from; !to.isBefore(yearFrom);
                    yearFrom = AcademicYear.containing(yearFrom).next().firstDay()) {
                LocalDate yearEnd = AcademicYear.containing(yearFrom).lastDay();
                LocalDate yearTo = to.isBefore(yearEnd) ? to : yearEnd;
                count += timeline.countPupilSessions(yearFrom, yearTo, stay.yearGroupOn(yearFrom));
            }
        }
        return count;
    }
}
