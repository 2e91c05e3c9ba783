package org.attendanceledger.projections;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.penalty.PenaltyThresholdRule.MarkAtThreshold;

/** The rows the attendance projection writes, one record per kind. */
final class ProjectionRows {

    private ProjectionRows() {
    }

    record SchoolRow(String urn, String laCode, String name, Instant receivedAt) {
    }

    record CalendarRow(String urn, AcademicYear academicYear, long version, List<Term> terms, List<Closure> closures,
                       Instant receivedAt) {
    }

    record Admission(PupilKey pupil, LocalDate startingDay, String yearGroup, Instant receivedAt) {
    }

    record Departure(PupilKey pupil, LocalDate startingDay, LocalDate lastDayOnRoll, Instant receivedAt) {
    }

    record YearGroupException(PupilKey pupil, AcademicYear academicYear, String yearGroup, Instant receivedAt) {
    }

    /** One register entry: a pupil's session at a school. */
    record EntryKey(String urn, String upn, LocalDate date, Session session) {

        PupilKey pupil() {
            return new PupilKey(urn, upn);
        }

        AcademicYear academicYear() {
            return AcademicYear.containing(date);
        }
    }

    record MarkVersionRow(EntryKey entry, long version, String code, Integer minutesLate, Instant receivedAt) {
    }

    /** {@code category} is null only for a code the catalogue cannot classify on the session date. */
    record CurrentMarkRow(EntryKey entry, long version, String code, CodeCategory category, boolean penaltyCode,
                          boolean scheduled, Instant receivedAt) {
    }

    /** Whether a stored current mark is on a session its pupil is expected at. */
    record ScheduledFlag(EntryKey entry, boolean scheduled) {
    }

    /** The penalty threshold's count at one of the marks it counts. */
    record ThresholdCountRow(EntryKey entry, int count) {
    }

    record PupilYear(String urn, AcademicYear academicYear, String upn) {
    }

    /**
     * One version of a mark at or over the penalty threshold (a breach when its count equals it), in the stay whose
     * starting day is given, as the ledger knew it from {@code knownFrom} until {@code knownUntil} (null: still).
     */
    record BreachRow(PupilKey pupil, LocalDate startingDay, MarkAtThreshold mark, Instant knownFrom,
                     Instant knownUntil) {

        SessionSlot slot() {
            return mark.slot();
        }

        /** Whether the other version says the same: then this one still holds and nothing is written. */
        boolean saysTheSameAs(BreachRow other) {
            return startingDay.equals(other.startingDay) && mark.equals(other.mark);
        }

        BreachRow from(Instant instant) {
            return new BreachRow(pupil, startingDay, mark, instant, knownUntil);
        }

        BreachRow until(Instant instant) {
            return new BreachRow(pupil, startingDay, mark, knownFrom, instant);
        }
    }

    /** Changes to a pupil-year's counts by category; the counts only ever move by whole marks. */
    static final class CategoryCounts {

        private final Map<CodeCategory, Integer> counts = new EnumMap<>(CodeCategory.class);

        void add(CodeCategory category, int sessions) {
            counts.merge(category, sessions, Integer::sum);
        }

        int get(CodeCategory category) {
            return counts.getOrDefault(category, 0);
        }

        boolean isZero() {
            return counts.values().stream().allMatch(count -> count == 0);
        }
    }
}
