package org.attendanceledger.attendance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.attendanceledger.catalogue.AttendanceCode;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;

/**
 * A pupil's attendance at one school over a period (rules 2.1 and 6.1), all counts in sessions.
 *
 * <p>Possible sessions are the scheduled sessions (see {@link PupilSchedule}) whose <em>mark</em> is present, an
 * approved educational activity, an authorised or an unauthorised absence (rules 6.1), so attendance plus absence
 * always equals possible. A scheduled session with no mark yet is not possible, not attended and not absent: it is
 * reported as unmarked, a data-quality figure (a register must have no blanks, rules 1.1), and once its register
 * should have been taken it is a missing mark.
 */
public record AttendanceFigures(
        LocalDate from,
        LocalDate to,
        int scheduledSessions,
        int presentSessions,
        int approvedEducationalActivitySessions,
        int authorisedAbsenceSessions,
        int unauthorisedAbsenceSessions,
        int notPossibleSessions,
        SortedMap<String, Integer> byCode) {

    public AttendanceFigures {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        byCode = Collections.unmodifiableSortedMap(new TreeMap<>(byCode));
    }

    /**
     * Counts the pupil's current marks on scheduled sessions between the two dates, both inclusive. Each code is
     * classified as it stood on its session's date, so a {@code J} before 19 Aug 2024 is attendance.
     */
    public static AttendanceFigures tally(PupilSchedule schedule, Collection<SessionMark> marks,
                                          LocalDate from, LocalDate to) {
        CodeCatalogue catalogue = CodeCatalogue.national();
        Map<CodeCategory, Integer> byCategory = new EnumMap<>(CodeCategory.class);
        SortedMap<String, Integer> byCode = new TreeMap<>();
        for (SessionMark mark : marks) {
            if (mark.date().isBefore(from) || mark.date().isAfter(to)
                    || !schedule.isScheduled(mark.date(), mark.session())) {
                continue;
            }
            // The write side accepts only codes valid on the date; anything else cannot be classified and is left
            // as an unmarked session rather than guessed at.
            AttendanceCode code = catalogue.lookup(mark.code(), mark.date()).orElse(null);
            if (code != null) {
                byCategory.merge(code.category(), 1, Integer::sum);
                byCode.merge(mark.code(), 1, Integer::sum);
            }
        }
        return new AttendanceFigures(from, to, schedule.countScheduled(from, to),
                byCategory.getOrDefault(CodeCategory.PRESENT, 0),
                byCategory.getOrDefault(CodeCategory.APPROVED_EDUCATIONAL_ACTIVITY, 0),
                byCategory.getOrDefault(CodeCategory.AUTHORISED_ABSENCE, 0),
                byCategory.getOrDefault(CodeCategory.UNAUTHORISED_ABSENCE, 0),
                byCategory.getOrDefault(CodeCategory.NOT_POSSIBLE, 0),
                byCode);
    }

    public int possibleSessions() {
        return attendedSessions() + overallAbsenceSessions();
    }

    /** Present plus approved educational activity. */
    public int attendedSessions() {
        return presentSessions + approvedEducationalActivitySessions;
    }

    public int overallAbsenceSessions() {
        return authorisedAbsenceSessions + unauthorisedAbsenceSessions;
    }

    /** Scheduled sessions with no mark yet: a register should have no blanks (rules 1.1). */
    public int unmarkedSessions() {
        return scheduledSessions - possibleSessions() - notPossibleSessions;
    }

    public boolean persistentAbsence() {
        return AbsenceMeasure.PERSISTENT.isMetBy(overallAbsenceSessions(), possibleSessions());
    }

    public boolean severeAbsence() {
        return AbsenceMeasure.SEVERE.isMetBy(overallAbsenceSessions(), possibleSessions());
    }

    /** For display only; null when there are no possible sessions. */
    public BigDecimal absencePercent() {
        return Percentages.percent(overallAbsenceSessions(), possibleSessions());
    }

    /** For display only; null when there are no possible sessions. */
    public BigDecimal attendancePercent() {
        return Percentages.percent(attendedSessions(), possibleSessions());
    }
}
